package io.mailstream.dispatcher.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Warm-up lending between the owners of a schedule's partitions: two dispatchers ({@link ScheduledWarmup}s)
 * over one counter store, as two dispatchers over {@code mail.warmup-counters}; A owns partition 0, B
 * partition 1 of 2. Day 1 allows 10 (5 per partition), the hour 1000 (the hour's share is not lent).
 */
class WarmupLendingTest {
    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration LEND_AFTER = Duration.ofMinutes(5);
    private static final WarmupSchedule SCHEDULE = new WarmupSchedule("newip", "default", Optional.empty(), START,
            List.of(new WarmupDay(1, 10, 1000)));

    private final WarmupCounterStore store = new InMemoryWarmupCounters();
    private final ScheduledWarmup a = new ScheduledWarmup(List.of(SCHEDULE), 2, store, LEND_AFTER);
    private final ScheduledWarmup b = new ScheduledWarmup(List.of(SCHEDULE), 2, store, LEND_AFTER);

    private static int takeAll(ScheduledWarmup owner, int partition, Instant now) {
        int taken = 0;
        while (owner.tryTake("default", "default", partition, now).isEmpty()) {
            taken++;
        }
        return taken;
    }

    @Test
    void anIdlePartitionsShareShouldMoveToThePartitionWhereMailWaitsAndTheDayTotalHold() {
        assertThat(takeAll(b, 1, T0)).as("B's own share").isEqualTo(5);
        assertThat(a.lendIdle(Set.of(0), T0)).as("A's partition was not idle for lend-after yet").isZero();

        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("A lends its whole unused share").isEqualTo(5);
        assertThat(takeAll(b, 1, T0.plus(LEND_AFTER))).as("B sends what A lent").isEqualTo(5);
        assertThat(takeAll(a, 0, T0.plus(LEND_AFTER))).as("A lent all it had: its own mail now waits").isZero();
        assertThat(store.get(new WarmupKey("newip", START, 0)).orElseThrow().lent()).containsExactly(java.util.Map.entry(1, 5L));
    }

    @Test
    void nothingShouldBeLentWhereNoMailWaitsNorByAPartitionThatIsStillBusy() {
        assertThat(takeAll(b, 1, T0)).isEqualTo(5);
        a.tryTake("default", "default", 0, T0.plus(LEND_AFTER).minusSeconds(1)); // A's own mail, a moment ago
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("A is busy").isZero();

        ScheduledWarmup quiet = new ScheduledWarmup(List.of(SCHEDULE), 2, new InMemoryWarmupCounters(), LEND_AFTER);
        quiet.lendIdle(Set.of(0), T0);
        assertThat(quiet.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("no partition waits").isZero();
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER.multipliedBy(8)))).as("B's wait is too old to lend to").isZero();
    }

    @Test
    void aLoanShouldOutliveARestartOfEitherOwnerAndNeverBeLentTwice() {
        takeAll(b, 1, T0);
        a.lendIdle(Set.of(0), T0);
        a.lendIdle(Set.of(0), T0.plus(LEND_AFTER));

        ScheduledWarmup bAgain = new ScheduledWarmup(List.of(SCHEDULE), 2, store, LEND_AFTER);
        ScheduledWarmup aAgain = new ScheduledWarmup(List.of(SCHEDULE), 2, store, LEND_AFTER);
        aAgain.lendIdle(Set.of(0), T0.plus(LEND_AFTER));
        assertThat(aAgain.lendIdle(Set.of(0), T0.plus(LEND_AFTER.multipliedBy(2)))).as("nothing left to lend").isZero();
        assertThat(takeAll(bAgain, 1, T0.plus(LEND_AFTER))).as("the borrowed share, after B's restart").isEqualTo(5);
        assertThat(takeAll(aAgain, 0, T0.plus(LEND_AFTER))).isZero();
    }

    @Test
    void aPartitionWhoseMailWaitsForItsReCheckShouldKeepItsLoanNotLendItOn() {
        takeAll(b, 1, T0);
        a.lendIdle(Set.of(0), T0);
        a.lendIdle(Set.of(0), T0.plus(LEND_AFTER));
        // B's mail is parked until its re-check; meanwhile partition 0's own mail waits too
        assertThat(a.tryTake("default", "default", 0, T0.plus(LEND_AFTER))).isPresent();
        assertThat(b.lendIdle(Set.of(1), T0.plus(LEND_AFTER.multipliedBy(3)))).as("B waited lately: not idle").isZero();
        assertThat(takeAll(b, 1, T0.plus(LEND_AFTER.multipliedBy(6)))).isEqualTo(5);
    }

    @Test
    void mailRefusedForTheDayShouldAskAgainAfterSixLendingPeriodsNotTomorrow() {
        takeAll(b, 1, T0);
        assertThat(b.tryTake("default", "default", 1, T0)).contains(T0.plus(LEND_AFTER.multipliedBy(6)));
        ScheduledWarmup noLending = new ScheduledWarmup(List.of(SCHEDULE), 2, new InMemoryWarmupCounters());
        takeAll(noLending, 1, T0);
        assertThat(noLending.tryTake("default", "default", 1, T0)).contains(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void aShareShouldBeSplitEvenlyBetweenThePartitionsThatWait() {
        WarmupSchedule three = new WarmupSchedule("newip", "default", Optional.empty(), START, List.of(new WarmupDay(1, 9, 1000)));
        WarmupCounterStore shared = new InMemoryWarmupCounters();
        ScheduledWarmup lender = new ScheduledWarmup(List.of(three), 3, shared, LEND_AFTER);
        ScheduledWarmup borrowers = new ScheduledWarmup(List.of(three), 3, shared, LEND_AFTER);
        assertThat(takeAll(borrowers, 1, T0) + takeAll(borrowers, 2, T0)).isEqualTo(6);
        lender.lendIdle(Set.of(0), T0);
        assertThat(lender.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).isEqualTo(3);
        int second = takeAll(borrowers, 1, T0.plus(LEND_AFTER));
        int third = takeAll(borrowers, 2, T0.plus(LEND_AFTER));
        assertThat(List.of(second, third)).containsExactlyInAnyOrder(2, 1);
    }
}
