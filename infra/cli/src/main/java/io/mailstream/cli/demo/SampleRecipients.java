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
 * rows spread over domains by a {@link DomainMix} (four domains in turn unless told otherwise), so
 * that the per-domain queues are exercised, then any extra addresses (e.g. at
 * domains whose servers bounce).
 */
public final class SampleRecipients {
    private static final List<String> NAMES = List.of("Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances");
    private static final List<String> CITIES = List.of("Lisbon", "Zürich", "Kyoto", "Nairobi", "Montréal", "Oslo");

    private SampleRecipients() {
    }

    public static Path write(Path file, int count) {
        return write(file, count, List.of());
    }

    public static Path write(Path file, int count, List<String> extraAddresses) {
        return write(file, count, extraAddresses, DomainMix.FEW);
    }

    public static Path write(Path file, int count, List<String> extraAddresses, DomainMix mix) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("email,first_name,city\n");
            for (int i = 0; i < count; i++) {
                row(w, i, "user" + i + "@" + mix.domainOf(i));
            }
            for (int i = 0; i < extraAddresses.size(); i++) {
                row(w, count + i, extraAddresses.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sample recipients to " + file, e);
        }
        return file;
    }

    private static void row(BufferedWriter w, int i, String address) throws IOException {
        w.write(address + "," + NAMES.get(i % NAMES.size()) + "," + CITIES.get(i % CITIES.size()) + "\n");
    }
}
