package io.mailstream.producer.launch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompactLongSetTest {

    @Test
    void addReportsFirstSightingsOnly() {
        CompactLongSet set = new CompactLongSet();

        assertThat(set.add(42)).isTrue();
        assertThat(set.add(42)).isFalse();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(0)).isFalse();
        assertThat(set.add(-1)).isTrue();
        assertThat(set.contains(42)).isTrue();
        assertThat(set.contains(43)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void keepsEveryValueAcrossGrowthInAboutTenBytesPerEntry() {
        CompactLongSet set = new CompactLongSet();
        int n = 2_000_000;
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextLong();
            assertThat(set.add(values[i])).isTrue();
        }
        for (long v : values) {
            if (set.add(v)) {
                throw new AssertionError("value lost after growth: " + v);
            }
        }

        assertThat(set.size()).isEqualTo(n);
        double bytesPerEntry = (double) set.tableBytes() / n;
        assertThat(bytesPerEntry).isBetween(9.0, 12.5);
    }
}
