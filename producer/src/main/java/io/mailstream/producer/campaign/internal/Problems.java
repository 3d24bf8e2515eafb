package io.mailstream.producer.campaign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.producer.campaign.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Collects the problems of one campaign file, each placed on its line. */
public final class Problems {
    private final Path file;
    private final YamlLines lines;
    private final List<Problem> found = new ArrayList<>();

    public Problems(Path file, YamlLines lines) {
        this.file = file;
        this.lines = lines;
    }

    public void add(String field, String message, String fix) {
        found.add(new Problem(file, lines.lineOf(field), field, message, fix));
    }

    public void addAt(int line, String field, String message, String fix) {
        found.add(new Problem(file, line, field, message, fix));
    }

    /**
     * The text value of {@code key} in {@code node}, if present; a list or mapping where text is
     * expected is recorded as a problem of {@code field}.
     */
    public Optional<String> text(JsonNode node, String field, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode()) {
            add(field, "must be text, not a list or mapping", "quote the value");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** Records every field of {@code node} that is not in {@code allowed} (a typo would otherwise be ignored). */
    public void unknownFields(JsonNode node, String prefix, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                add(prefix + name, "unknown field", "known fields here: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, so the list reads top to bottom like the file; problems without a line come first. */
    public List<Problem> all() {
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(Problem::line));
        return List.copyOf(sorted);
    }
}
