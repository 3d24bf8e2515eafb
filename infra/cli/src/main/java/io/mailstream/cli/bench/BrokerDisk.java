package io.mailstream.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The broker's disk use as benches report it: the bytes of its log segments ({@code *.log}).
 * Index files are left out because Kafka preallocates them sparse at their maximum size, so their
 * length says nothing about the disk they take.
 */
final class BrokerDisk {
    private BrokerDisk() {
    }

    static long logSegmentBytes(Path logDir) {
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log") && Files.isRegularFile(p))
                    .mapToLong(BrokerDisk::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot measure the broker's log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0; // a segment deleted by retention or compaction while walking
        }
    }
}
