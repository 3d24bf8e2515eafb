package io.mailstream.cli.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an SMTP sink accepted, as written by {@code mailstream sink --json-report}: the total and the
 * number of mails per recipient, so that a run can tell missing recipients from duplicate deliveries.
 * JSON: {@code {"total": n, "recipients": {"a@example.com": 1, ...}}}.
 */
public record SinkReport(long total, Map<String, Long> perRecipient) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SinkReport {
        perRecipient = Map.copyOf(perRecipient);
    }

    /** Mails beyond the first per recipient. */
    public long duplicateDeliveries() {
        return perRecipient.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
    }

    public long count(String recipient) {
        return perRecipient.getOrDefault(recipient, 0L);
    }

    /** Writes to a temporary file beside {@code file}, then moves it in place: readers never see half a report. */
    public void writeTo(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("total", total);
        ObjectNode recipients = root.putObject("recipients");
        new TreeMap<>(perRecipient).forEach(recipients::put);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sink report to " + file, e);
        }
    }

    public static SinkReport readFrom(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sink report " + file, e);
        }
        if (root == null || !root.path("total").canConvertToLong() || !root.path("recipients").isObject()) {
            throw new IllegalArgumentException("sink report " + file + " is not {\"total\": n, \"recipients\": {...}}");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("recipients").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            counts.put(e.getKey(), e.getValue().asLong());
        }
        return new SinkReport(root.get("total").asLong(), counts);
    }
}
