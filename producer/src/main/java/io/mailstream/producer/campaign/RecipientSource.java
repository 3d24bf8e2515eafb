package io.mailstream.producer.campaign;

import io.mailstream.producer.recipients.RecipientFormat;
import io.mailstream.producer.recipients.RecipientReader;
import io.mailstream.producer.recipients.RecipientReaders;
import java.nio.file.Path;
import java.util.Objects;

/** Where a campaign's recipients come from: an absolute path and its format (gzip is detected on open). */
public record RecipientSource(Path path, RecipientFormat format) {
    public RecipientSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        path = path.toAbsolutePath().normalize();
    }

    public RecipientReader open() {
        return RecipientReaders.open(path, format);
    }
}
