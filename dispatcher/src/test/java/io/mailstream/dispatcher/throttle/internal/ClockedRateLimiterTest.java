package io.mailstream.dispatcher.throttle.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClockedRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00.123Z"));

    /** Tries to acquire every {@code step} for {@code total}; returns the grant times in nanos from the start. */
    private List<Long> drive(RateLimiter limiter, Duration step, Duration total) {
        List<Long> grants = new ArrayList<>();
        for (long t = 0; t < total.toNanos(); t += step.toNanos()) {
            while (limiter.acquirePermission()) {
                grants.add(t);
            }
            clock.advance(step);
        }
        return grants;
    }

    private static int maxInAnyWindow(List<Long> grants, Duration window) {
        int max = 0;
        for (int i = 0; i < grants.size(); i++) {
            int j = i;
            while (j < grants.size() && grants.get(j) < grants.get(i) + window.toNanos()) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    @Test
    void evenlySpacedLimiterShouldNeverExceedItsLimitInAnyWindow() {
        ClockedRateLimiter limiter = ClockedRateLimiter.evenlySpaced("gmail", 10, Duration.ofSeconds(1), clock);

        List<Long> grants = drive(limiter, Duration.ofMillis(7), Duration.ofSeconds(10));

        assertThat(maxInAnyWindow(grants, Duration.ofSeconds(1))).isEqualTo(10);
        assertThat(grants).hasSizeBetween(95, 100); // the budget is used, not just respected
    }

    @Test
    void aRateBelowOnePerSecondShouldBeKeptExactly() {
        // 3 per 8 seconds: a domain of 3/s split over 8 shards
        ClockedRateLimiter limiter = ClockedRateLimiter.evenlySpaced("shard", 3, Duration.ofSeconds(8), clock);

        List<Long> grants = drive(limiter, Duration.ofMillis(50), Duration.ofSeconds(80));

        assertThat(maxInAnyWindow(grants, Duration.ofSeconds(8))).isEqualTo(3);
        assertThat(maxInAnyWindow(grants, Duration.ofSeconds(2))).isEqualTo(1);
        assertThat(grants).hasSizeBetween(29, 30);
    }

    @Test
    void slidingWindowShouldAllowABurstButNeverMoreThanTheLimitInAnyWindow() {
        ClockedRateLimiter limiter = ClockedRateLimiter.slidingWindow("hourly", 100, Duration.ofHours(1), clock);

        List<Long> grants = drive(limiter, Duration.ofSeconds(10), Duration.ofHours(5));

        assertThat(grants.subList(0, 100)).containsOnly(0L); // the first hour's budget at once
        assertThat(maxInAnyWindow(grants, Duration.ofHours(1))).isEqualTo(100);
        assertThat(grants.size()).isBetween(400, 500);
    }

    @Test
    void refusedCallerShouldBeToldWhenToComeBack() {
        ClockedRateLimiter limiter = ClockedRateLimiter.evenlySpaced("x", 4, Duration.ofSeconds(1), clock);
        assertThat(limiter.acquirePermission()).isTrue();
        assertThat(limiter.acquirePermission()).isFalse();
        assertThat(limiter.nanosUntilPermit()).isEqualTo(Duration.ofMillis(250).toNanos());

        clock.advance(Duration.ofMillis(250));

        assertThat(limiter.nanosUntilPermit()).isZero();
        assertThat(limiter.acquirePermission()).isTrue();
    }

    @Test
    void changingTheLimitShouldChangeTheSpacing() {
        ClockedRateLimiter limiter = ClockedRateLimiter.evenlySpaced("x", 10, Duration.ofSeconds(1), clock);
        limiter.changeLimitForPeriod(5);

        List<Long> grants = drive(limiter, Duration.ofMillis(10), Duration.ofSeconds(4));

        assertThat(maxInAnyWindow(grants, Duration.ofSeconds(1))).isEqualTo(5);
        assertThat(limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(5);
    }

    @Test
    void itNeverBlocksAThread() {
        ClockedRateLimiter limiter = ClockedRateLimiter.evenlySpaced("x", 1, Duration.ofSeconds(1), clock);
        assertThatThrownBy(() -> limiter.changeTimeoutDuration(Duration.ofSeconds(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(limiter.getRateLimiterConfig().getTimeoutDuration()).isZero();
        assertThat(limiter.reservePermission()).isZero();
        assertThat(limiter.reservePermission()).isEqualTo(-1);
    }

    @Test
    void aSlidingWindowShouldCountAReportedWindowOnceAndLetItGoWhenItsPermitsLeaveTheWindow() {
        ClockedRateLimiter hour = ClockedRateLimiter.slidingWindow("hour", 10, Duration.ofHours(1), clock);
        Instant granted = clock.instant().minus(Duration.ofMinutes(30));
        hour.adoptReported(java.util.Map.of(granted, 4));
        // a later snapshot of the same bucket replaces the earlier one: 6, not 4 + 6
        hour.adoptReported(java.util.Map.of(granted, 6));
        assertThat(hour.getMetrics().getAvailablePermissions()).isEqualTo(4);
        assertThat(hour.countedPermits().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        assertThat(drive(hour, Duration.ofSeconds(1), Duration.ofSeconds(2))).hasSize(4);

        // the reported permits leave the window 30 minutes on (within a bucket), this one's own an hour on
        clock.advance(Duration.ofMinutes(31));
        assertThat(hour.getMetrics().getAvailablePermissions()).isEqualTo(6);
    }
}
