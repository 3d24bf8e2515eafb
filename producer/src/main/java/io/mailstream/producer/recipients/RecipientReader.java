package io.mailstream.producer.recipients;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/**
 * A streaming reader of one recipient list. It holds one record at a time, so memory does not grow
 * with the list; obtain one from {@link RecipientReaders#open}.
 */
public interface RecipientReader extends Closeable {

    /** The next record, or empty at the end of the list. */
    Optional<RecipientRow> next();

    /** Column names when the format declares them up front (CSV header), otherwise empty. */
    Optional<List<String>> columns();

    /** Bytes consumed from the file (compressed bytes for a gzip file), to estimate progress. */
    long bytesRead();

    @Override
    void close();
}
