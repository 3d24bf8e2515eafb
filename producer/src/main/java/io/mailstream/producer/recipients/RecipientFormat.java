package io.mailstream.producer.recipients;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The recipient list formats we read: CSV (RFC 4180, header row) and JSON Lines (one object per line). */
public enum RecipientFormat {
    CSV, JSONL;

    /**
     * The format named by a file's extension, ignoring a trailing {@code .gz} (compression itself is
     * detected from the content, not the name).
     */
    public static Optional<RecipientFormat> fromFileName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }

    /** Parses {@code csv} / {@code jsonl} as written in a campaign file. */
    public static Optional<RecipientFormat> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "csv" -> Optional.of(CSV);
            case "jsonl", "ndjson" -> Optional.of(JSONL);
            default -> Optional.empty();
        };
    }
}
