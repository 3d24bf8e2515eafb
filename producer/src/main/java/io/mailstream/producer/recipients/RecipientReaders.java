package io.mailstream.producer.recipients;

import io.mailstream.producer.recipients.internal.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens recipient lists: gzip is detected by its magic bytes, whatever the file is called. */
public final class RecipientReaders {
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER = 1 << 16;

    private RecipientReaders() {
    }

    /**
     * Opens {@code path} as {@code format}.
     *
     * @throws RecipientFileException if the file is missing, unreadable or its header is unusable
     */
    public static RecipientReader open(Path path, RecipientFormat format) {
        CountingInputStream counting;
        try {
            counting = new CountingInputStream(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new RecipientFileException(path, 0, "file does not exist", e);
        } catch (IOException e) {
            throw new RecipientFileException(path, 0, "cannot open: " + e.getMessage(), e);
        }
        try {
            Reader reader = decode(decompress(new BufferedInputStream(counting, BUFFER)));
            return switch (format) {
                case CSV -> new CsvRecipientReader(path, reader, counting::count);
                case JSONL -> new JsonlRecipientReader(path, reader, counting::count);
            };
        } catch (IOException e) {
            closeQuietly(counting);
            throw new RecipientFileException(path, 0, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(counting);
            throw e;
        }
    }

    /** Whether the file starts with the gzip magic bytes (RFC 1952 §2.3.1). */
    public static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        }
    }

    private static InputStream decompress(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        }
        return in;
    }

    private static Reader decode(InputStream in) {
        // Malformed UTF-8 must fail with a line number rather than become U+FFFD in someone's name.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing; the original error is the one worth reporting
        }
    }
}
