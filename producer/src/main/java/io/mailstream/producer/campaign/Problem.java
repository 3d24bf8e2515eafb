package io.mailstream.producer.campaign;

import java.nio.file.Path;

/**
 * One thing wrong with a campaign file: where (file, 1-based line or 0 if unknown, field path such as
 * {@code sender.address}), what is wrong and what to do about it.
 */
public record Problem(Path file, int line, String field, String message, String fix) {

    /** {@code campaign.yaml:12: sender.address: <message>; <fix>} */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(file.getFileName());
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ").append(field).append(": ").append(message);
        if (fix != null && !fix.isBlank()) {
            b.append("; ").append(fix);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
