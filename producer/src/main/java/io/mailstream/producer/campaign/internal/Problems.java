package io.mailstream.producer.campaign.internal;

import io.mailstream.producer.campaign.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
