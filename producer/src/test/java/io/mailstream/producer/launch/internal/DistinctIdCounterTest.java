package io.mailstream.producer.launch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistinctIdCounterTest {
    @TempDir
    Path dir;

    private static String id(int i) {
        return MessageIds.forCampaign("c", EmailAddress.parse("user" + i + "@example.com"));
    }

    @Test
    void countShouldBeExactAcrossManySpilledChunks() throws IOException {
        Random random = new Random(7);
        Set<String> expected = new HashSet<>();
        try (DistinctIdCounter counter = new DistinctIdCounter(dir, 97)) {
            for (int n = 0; n < 20_000; n++) {
                String id = id(random.nextInt(6_000));
                expected.add(id);
                counter.add(id);
            }
            assertThat(counter.count()).isEqualTo(expected.size());
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.count()).as("spill files while open").isGreaterThan(1);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("spill files after close").isEmpty();
        }
    }

    @Test
    void countInOneChunkShouldNotSpill() throws IOException {
        try (DistinctIdCounter counter = new DistinctIdCounter(dir, 1000)) {
            for (int i = 0; i < 300; i++) {
                counter.add(id(i % 120));
            }
            assertThat(counter.count()).isEqualTo(120);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void emptyListShouldCountZero() {
        try (DistinctIdCounter counter = new DistinctIdCounter(dir, 10)) {
            assertThat(counter.count()).isZero();
        }
    }
}
