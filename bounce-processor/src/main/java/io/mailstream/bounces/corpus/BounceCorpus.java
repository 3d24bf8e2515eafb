package io.mailstream.bounces.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labelled corpus of real bounces (a folder with {@code manifest.tsv} and {@code maildir/}),
 * loaded into memory once so that scoring and benchmarking measure parsing, not disk reads.
 */
public final class BounceCorpus {
    /** System property naming the corpus folder. */
    public static final String DIR_PROPERTY = "mailstream.bounces.dir";

    private final Path dir;
    private final List<ManifestRow> rows;
    private final Map<String, byte[]> files;

    private BounceCorpus(Path dir, List<ManifestRow> rows, Map<String, byte[]> files) {
        this.dir = dir;
        this.rows = rows;
        this.files = files;
    }

    /**
     * Finds the corpus: the system property, then {@code shared/bounces} next to or above the
     * working directory (tests run in the module directory, the CLI usually in the repo root).
     */
    public static Optional<Path> locate() {
        String prop = System.getProperty(DIR_PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        candidates.add(Path.of("../../shared/bounces"));
        candidates.add(Path.of("../shared/bounces"));
        candidates.add(Path.of("../../../shared/bounces"));
        return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("manifest.tsv")))
                .map(p -> p.toAbsolutePath().normalize()).findFirst();
    }

    public static BounceCorpus load(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"), StandardCharsets.UTF_8);
            List<ManifestRow> rows = new ArrayList<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                ManifestRow row = ManifestRow.parse(line);
                rows.add(row);
                if (!files.containsKey(row.path())) {
                    files.put(row.path(), Files.readAllBytes(dir.resolve(row.path())));
                }
            }
            return new BounceCorpus(dir, List.copyOf(rows), files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bounce corpus in " + dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    public List<ManifestRow> rows() {
        return rows;
    }

    /** File contents keyed by the manifest's relative path, in manifest order. */
    public Map<String, byte[]> files() {
        return files;
    }
}
