package io.mailstream.producer.recipients;

import io.mailstream.producer.ProducerException;
import java.nio.file.Path;

/**
 * A recipient list that cannot be read at all (missing file, I/O error, not UTF-8, unterminated
 * quote, bad header), as opposed to a single bad row, which is rejected and reported.
 */
public final class RecipientFileException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final long line;
    private final String reason;

    public RecipientFileException(Path path, long line, String reason, Throwable cause) {
        super(path + (line > 0 ? ":" + line : "") + ": " + reason, cause);
        this.path = path;
        this.line = line;
        this.reason = reason;
    }

    public RecipientFileException(Path path, long line, String reason) {
        this(path, line, reason, null);
    }

    public Path path() {
        return path;
    }

    /** 1-based line, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
