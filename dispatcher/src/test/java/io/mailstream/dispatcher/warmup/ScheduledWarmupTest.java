package io.mailstream.dispatcher.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScheduledWarmupTest {
    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final WarmupSchedule schedule = new WarmupSchedule("newip", "default", Optional.empty(), START,
            List.of(new WarmupDay(1, 40, 1000), new WarmupDay(2, 80, 1000), new WarmupDay(3, 120, 30)));

    /** Takes from partition {@code p}'s budget until refused; returns how many were taken and when it reopens. */
    private static int takeAll(WarmupBudget budget, int partition, Instant now, Optional<Instant>[] reopen) {
        int n = 0;
        while (true) {
            Optional<Instant> r = budget.tryTake("default", "default", partition, now);
            if (r.isPresent()) {
                reopen[0] = r;
                return n;
            }
            n++;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dayOneShouldStopAtItsCapAndResumeTheNextDay() {
        ScheduledWarmup warmup = new ScheduledWarmup(List.of(schedule), 4, new InMemoryWarmupCounters());
        Optional<Instant>[] reopen = new Optional[1];

        int day1 = IntStream.range(0, 4).map(p -> takeAll(warmup, p, clock.instant(), reopen)).sum();
        assertThat(day1).isEqualTo(40);
        assertThat(reopen[0]).contains(Instant.parse("2026-12-02T00:00:00Z"));

        clock.advance(Duration.ofHours(15).plusMinutes(59)); // 23:59, still day 1
        assertThat(warmup.tryTake("default", "default", 0, clock.instant())).isPresent();

        clock.advance(Duration.ofMinutes(1)); // midnight UTC: day 2
        int day2 = IntStream.range(0, 4).map(p -> takeAll(warmup, p, clock.instant(), reopen)).sum();
        assertThat(day2).isEqualTo(80);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHourlyCapShouldHoldWithinADay() {
        ScheduledWarmup warmup = new ScheduledWarmup(List.of(schedule), 4, new InMemoryWarmupCounters());
        clock.advance(Duration.ofDays(2).plusMinutes(30)); // day 3, 08:30
        Optional<Instant>[] reopen = new Optional[1];

        int hour = IntStream.range(0, 4).map(p -> takeAll(warmup, p, clock.instant(), reopen)).sum();

        assertThat(hour).isEqualTo(30);
        assertThat(reopen[0]).contains(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @Test
    void afterTheLastDayTheScheduleShouldNoLongerApply() {
        ScheduledWarmup warmup = new ScheduledWarmup(List.of(schedule), 4, new InMemoryWarmupCounters());
        clock.advance(Duration.ofDays(3));
        for (int i = 0; i < 10_000; i++) {
            assertThat(warmup.tryTake("default", "default", 1, clock.instant())).isEmpty();
        }
    }

    @Test
    void otherPoolsAndPoliciesShouldNotBeCounted() {
        WarmupSchedule gmailOnly = new WarmupSchedule("gmail-ip", "default", Optional.of("gmail"), START,
                List.of(new WarmupDay(1, 1, 1)));
        ScheduledWarmup warmup = new ScheduledWarmup(List.of(gmailOnly), 1, new InMemoryWarmupCounters());

        assertThat(warmup.tryTake("default", "gmail", 0, clock.instant())).isEmpty();
        assertThat(warmup.tryTake("default", "gmail", 0, clock.instant())).isPresent();
        assertThat(warmup.tryTake("default", "yahoo", 0, clock.instant())).isEmpty();
        assertThat(warmup.tryTake("transactional", "gmail", 0, clock.instant())).isEmpty();
    }

    @Test
    void countsShouldSurviveARestartOnTheSameStore() {
        InMemoryWarmupCounters store = new InMemoryWarmupCounters();
        ScheduledWarmup before = new ScheduledWarmup(List.of(schedule), 1, store);
        for (int i = 0; i < 25; i++) {
            assertThat(before.tryTake("default", "default", 0, clock.instant())).isEmpty();
        }

        ScheduledWarmup after = new ScheduledWarmup(List.of(schedule), 1, store);
        int more = 0;
        while (after.tryTake("default", "default", 0, clock.instant()).isEmpty()) {
            more++;
        }
        assertThat(more).isEqualTo(15);
    }

    @Test
    void sharesShouldAddUpToTheBudgetAndReachEveryPartitionOverTime() {
        for (long budget : new long[] {1, 7, 12, 13, 1000}) {
            long total = 0;
            for (int p = 0; p < 12; p++) {
                total += ScheduledWarmup.share(budget, 12, p, 5);
            }
            assertThat(total).isEqualTo(budget);
        }
        long partitionFiveOverTwelveDays = 0;
        for (long day = 0; day < 12; day++) {
            partitionFiveOverTwelveDays += ScheduledWarmup.share(1, 12, 5, day);
        }
        assertThat(partitionFiveOverTwelveDays).isEqualTo(1);
    }

    @Test
    void beforeTheStartDateDayOneShouldApply() {
        assertThat(schedule.on(START.minusDays(3))).contains(new WarmupDay(1, 40, 1000));
        assertThat(schedule.on(START.plusDays(2))).contains(new WarmupDay(3, 120, 30));
        assertThat(schedule.on(START.plusDays(3))).isEmpty();
    }
}
