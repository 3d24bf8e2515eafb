package io.mailstream.dispatcher.suppress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddressFilterTest {
    @TempDir
    Path dir;

    @Test
    void everyAddedKeyShouldBeMaybeAndFewOthers() {
        AddressFilter f = AddressFilter.withCapacity(200_000);
        for (int i = 0; i < 200_000; i++) {
            f.add("user" + i + "@d" + (i % 97) + ".example");
        }
        for (int i = 0; i < 200_000; i++) {
            assertThat(f.mightContain("user" + i + "@d" + (i % 97) + ".example")).as("added key %d", i).isTrue();
        }
        int falseMaybe = 0;
        for (int i = 200_000; i < 400_000; i++) {
            if (f.mightContain("user" + i + "@d" + (i % 97) + ".example")) {
                falseMaybe++;
            }
        }
        // 10 bits a key in 512-bit blocks: about 1 %; 3 % would mean the hash or the probes are broken
        assertThat(falseMaybe).isLessThan(6_000);
        assertThat(f.added()).isEqualTo(200_000);
    }

    @Test
    void aSavedFilterShouldLoadWithTheSameAnswers() throws IOException {
        AddressFilter f = AddressFilter.withCapacity(10_000);
        for (int i = 0; i < 10_000; i++) {
            f.add("a" + i + "@example.org");
        }
        Path file = dir.resolve("filter.bin");
        f.save(file);
        AddressFilter loaded = AddressFilter.load(file);
        assertThat(loaded.added()).isEqualTo(10_000);
        assertThat(loaded.capacity()).isEqualTo(f.capacity());
        for (int i = 0; i < 20_000; i++) {
            assertThat(loaded.mightContain("a" + i + "@example.org")).isEqualTo(f.mightContain("a" + i + "@example.org"));
        }
    }

    @Test
    void aForeignOrTruncatedFileShouldBeRefused() throws IOException {
        Path foreign = Files.write(dir.resolve("foreign.bin"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> AddressFilter.load(foreign)).isInstanceOf(IOException.class).hasMessageContaining("foreign.bin");
        AddressFilter f = AddressFilter.withCapacity(10_000);
        Path file = dir.resolve("f.bin");
        f.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("short.bin"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> AddressFilter.load(truncated)).isInstanceOf(IOException.class);
    }
}
