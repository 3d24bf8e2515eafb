package io.mailstream.bounces.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.stats.ProviderCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long T0 = 1_772_359_200_000L; // 2026-03-01T10:00:00Z, a whole minute

    @Test
    void countsBeforeTheWindowShouldBeSubtractedAndEverythingCountedWhileTheWindowHoldsItAll() {
        RateWindow w = RateWindow.empty().record(T0, new ProviderCounts(100, 1, 0, 2), HOUR);
        assertThat(w.within(T0, HOUR)).as("all of it is within the hour").isEqualTo(new ProviderCounts(100, 1, 0, 2));

        long later = T0 + Duration.ofMinutes(90).toMillis();
        w = w.record(later, new ProviderCounts(130, 1, 0, 5), HOUR);

        assertThat(w.within(later, HOUR)).isEqualTo(new ProviderCounts(30, 0, 0, 3));
    }

    @Test
    void aLateBounceOfAMessageDeliveredBeforeTheWindowShouldNotMakeACountNegative() {
        RateWindow w = RateWindow.empty().record(T0, new ProviderCounts(100, 0, 0, 0), HOUR);
        long later = T0 + Duration.ofHours(2).toMillis();
        // a DSN moved one message delivered two hours ago from delivered to bounced
        w = w.record(later, new ProviderCounts(99, 1, 0, 0), HOUR);

        assertThat(w.within(later, HOUR)).isEqualTo(new ProviderCounts(0, 1, 0, 0));
    }

    @Test
    void theSamplesShouldStayBoundedByTheBucketsOfOneWindow() {
        RateWindow w = RateWindow.empty();
        for (int minute = 0; minute < 600; minute++) {
            w = w.record(T0 + Duration.ofMinutes(minute).toMillis(), new ProviderCounts(minute, 0, 0, 0), HOUR);
        }
        assertThat(w.samples()).hasSizeLessThanOrEqualTo(RateWindow.BUCKETS + 2);
        long now = T0 + Duration.ofMinutes(599).toMillis();
        assertThat(w.within(now, HOUR).delivered()).as("about an hour's worth: 60 minutes, plus at most one bucket")
                .isBetween(60L, 61L);
    }

    @Test
    void anUpdateOlderThanTheNewestSampleShouldUpdateItRatherThanGoBack() {
        RateWindow w = RateWindow.empty().record(T0 + 120_000, new ProviderCounts(10, 0, 0, 0), HOUR)
                .record(T0, new ProviderCounts(11, 0, 0, 0), HOUR);

        assertThat(w.samples()).singleElement().satisfies(s -> {
            assertThat(s.bucketStartMillis()).isEqualTo(T0 + 120_000);
            assertThat(s.counts().delivered()).isEqualTo(11);
        });
    }
}
