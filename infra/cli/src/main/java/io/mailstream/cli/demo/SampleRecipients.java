package io.mailstream.cli.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a recipients CSV of any size for the demo and benchmarks: {@code email,first_name,city}
 * rows spread over a few domains, so that the domain shards and per-domain queues are exercised.
 * {@code bouncingDomain}, when given, receives every {@code bounceEvery}-th recipient.
 */
public final class SampleRecipients {
    private static final List<String> DOMAINS = List.of("example.com", "example.org", "example.net", "demo.test");
    private static final List<String> NAMES = List.of("Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances");
    private static final List<String> CITIES = List.of("Lisbon", "Zürich", "Kyoto", "Nairobi", "Montréal", "Oslo");

    private SampleRecipients() {
    }

    public static Path write(Path file, int count, String bouncingDomain, int bounceEvery) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("email,first_name,city\n");
            for (int i = 0; i < count; i++) {
                String domain = bouncingDomain != null && bounceEvery > 0 && i % bounceEvery == bounceEvery - 1
                        ? bouncingDomain
                        : DOMAINS.get(i % DOMAINS.size());
                w.write("user" + i + "@" + domain + "," + NAMES.get(i % NAMES.size()) + "," + CITIES.get(i % CITIES.size()) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample recipients to " + file, e);
        }
        return file;
    }
}
