package io.mailstream.producer.campaign.internal;

import io.mailstream.producer.campaign.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public List<Problem> all() {
        return List.copyOf(found);
    }
}
