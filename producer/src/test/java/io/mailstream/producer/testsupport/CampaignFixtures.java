package io.mailstream.producer.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Campaign files and recipient lists written to a test's temporary folder. */
public final class CampaignFixtures {
    private CampaignFixtures() {
    }

    /** A valid campaign file named campaign.yaml in {@code dir}, reading {@code recipients} (relative to dir). */
    public static Path campaign(Path dir, String recipients) {
        return write(dir.resolve("campaign.yaml"), """
                id: spring-sale
                name: Spring sale
                sender:
                  name: Example Shop
                  address: news@example.com
                replyTo: help@example.com
                subject: "Hello {{first_name}}, spring is here"
                html: "<p>Hi {{first_name}}</p>"
                text: "Hi {{first_name}}"
                headers:
                  X-Campaign: spring
                listUnsubscribe: "https://example.com/u/{{messageId}}"
                recipients:
                  path: %s
                shards:
                  gmail.com: 4
                """.formatted(recipients));
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path gzip(Path file, String content) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
