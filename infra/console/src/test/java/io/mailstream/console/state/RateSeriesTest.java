package io.mailstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateSeriesTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void theRateShouldBeTheLastTenSecondsAverageAndOlderSecondsShouldDropOut() {
        RateSeries series = new RateSeries();
        for (int s = 0; s < 10; s++) {
            series.add(T0.plusSeconds(s), 20);
        }
        assertThat(series.rate(T0.plusSeconds(10))).isEqualTo(20.0);
        assertThat(series.rate(T0.plusSeconds(15))).isEqualTo(10.0);
        assertThat(series.rate(T0.plusSeconds(30))).isZero();
    }

    @Test
    void pointsShouldBeOneASecondOldestFirstWithGapsAsZero() {
        RateSeries series = new RateSeries();
        series.add(T0, 3);
        series.add(T0.plusSeconds(2), 5);
        List<long[]> points = series.points(T0.plusSeconds(3), 3);
        assertThat(points).extracting(p -> p[0]).containsExactly(T0.getEpochSecond(), T0.getEpochSecond() + 1, T0.getEpochSecond() + 2);
        assertThat(points).extracting(p -> p[1]).containsExactly(3L, 0L, 5L);
    }

    @Test
    void anEventOlderThanTheWindowShouldNotBeDrawn() {
        RateSeries series = new RateSeries();
        series.add(T0.plusSeconds(RateSeries.SECONDS + 5), 1);
        series.add(T0, 7);
        assertThat(series.points(T0.plusSeconds(RateSeries.SECONDS + 6), RateSeries.SECONDS))
                .extracting(p -> p[1]).doesNotContain(7L);
    }

    @Test
    void theEtaShouldBeWhatIsLeftAtTheCurrentRateAndUnknownWhenNothingMoves() {
        CampaignRow moving = row(Optional.of(1000L), 400, 20.0);
        assertThat(moving.progressPercent()).isEqualTo(40);
        assertThat(moving.eta()).contains(Duration.ofSeconds(30));
        assertThat(row(Optional.of(1000L), 400, 0).eta()).isEmpty();
        assertThat(row(Optional.empty(), 400, 20).eta()).isEmpty();
        assertThat(row(Optional.empty(), 400, 20).progressPercent()).isZero();
    }

    private static CampaignRow row(Optional<Long> expected, long finished, double rate) {
        return new CampaignRow("c", "c", "sending", 1, expected, finished, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), finished, rate,
                Optional.empty());
    }
}
