package io.mailstream.producer.testsupport;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A recipient list with malformed, duplicate (case-folded) and IDN addresses mixed in, and what a
 * correct launch must make of it, computed independently of the launcher with {@link EmailAddress}.
 */
public final class MixedRecipientList {
    private MixedRecipientList() {
    }

    /** What a launch of the list must publish, reject and drop as duplicate. */
    public record Expected(long published, long rejected, long duplicates) {
    }

    public static Expected write(Path csv, int rows) throws IOException {
        Set<String> unique = new HashSet<>();
        long published = 0;
        long rejected = 0;
        long duplicates = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("email,first_name\n");
            for (int i = 0; i < rows; i++) {
                String email;
                if (i % 97 == 13) {
                    email = "user" + i + ".example.com";
                } else if (i % 89 == 7 && i > 0) {
                    email = "USER" + (i - 1) + "@Example.COM";
                } else if (i % 101 == 5) {
                    email = "user" + i + "@bücher.example";
                } else {
                    email = "user" + i + (i % 3 == 0 ? "@gmail.com" : "@example.com");
                }
                out.write(email + ",Name " + i + "\n");
                EmailAddress parsed;
                try {
                    parsed = EmailAddress.parse(email);
                } catch (InvalidAddressException e) {
                    rejected++;
                    continue;
                }
                if (unique.add(parsed.normalized())) {
                    published++;
                } else {
                    duplicates++;
                }
            }
        }
        return new Expected(published, rejected, duplicates);
    }
}
