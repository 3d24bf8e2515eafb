package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
    @Test
    void percentilesShouldBeNearestRankOfTheSortedValues() {
        long[] hundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // 100 … 1, unsorted on purpose

        LatencySummary s = LatencySummary.of(hundred);

        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50Millis()).isEqualTo(50);
        assertThat(s.p99Millis()).isEqualTo(99);
        assertThat(s.maxMillis()).isEqualTo(100);
    }

    @Test
    void oneSlowOutlierShouldShowInMaxAndInP99OnlyWhenItIsMoreThanOnePercent() {
        long[] values = new long[200];
        java.util.Arrays.fill(values, 10);
        values[0] = 5000;

        assertThat(LatencySummary.of(values).p99Millis()).isEqualTo(10);
        assertThat(LatencySummary.of(values).maxMillis()).isEqualTo(5000);
        assertThat(LatencySummary.of(new long[0])).isEqualTo(LatencySummary.EMPTY);
    }
}
