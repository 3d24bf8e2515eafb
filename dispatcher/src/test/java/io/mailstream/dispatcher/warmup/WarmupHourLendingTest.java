package io.mailstream.dispatcher.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Lending of the hour's budget, as the day's is lent ({@link WarmupLendingTest}): two owners over one
 * counter store, A owns partition 0 and B partition 1 of 2, so each holds half of the hour's cap.
 */
class WarmupHourLendingTest {
    private static final LocalDate START = LocalDate.of(2026, 12, 1);
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration LEND_AFTER = Duration.ofMinutes(5);

    private final WarmupCounterStore store = new InMemoryWarmupCounters();

    private static WarmupSchedule schedule(long perDay, long perHour) {
        return new WarmupSchedule("newip", "default", Optional.empty(), START, List.of(new WarmupDay(1, perDay, perHour)));
    }

    private ScheduledWarmup owner(WarmupSchedule s) {
        return new ScheduledWarmup(List.of(s), 2, store, LEND_AFTER);
    }

    private static int takeAll(ScheduledWarmup owner, int partition, Instant now) {
        int taken = 0;
        while (owner.tryTake("default", "default", partition, now).isEmpty()) {
            taken++;
        }
        return taken;
    }

    @Test
    void anIdlePartitionsRestOfTheHourShouldMoveToWhereMailWaitsAndTheHourlyCapHold() {
        ScheduledWarmup a = owner(schedule(1000, 10));
        ScheduledWarmup b = owner(schedule(1000, 10));
        assertThat(takeAll(b, 1, T0)).as("B's share of the hour").isEqualTo(5);
        a.lendIdle(Set.of(0), T0);

        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("A lends the rest of its hour (its day is not needed)").isEqualTo(5);
        assertThat(takeAll(b, 1, T0.plus(LEND_AFTER))).as("B sends what A lent of the hour").isEqualTo(5);
        assertThat(takeAll(a, 0, T0.plus(LEND_AFTER))).as("A lent its whole hour: the pool's 10 per hour hold").isZero();
        assertThat(store.get(new WarmupKey("newip", START, 0)).orElseThrow().lentThisHour()).containsExactly(Map.entry(1, 5L));

        Instant nextHour = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(takeAll(a, 0, nextHour)).as("an hour's loan ends with its hour").isEqualTo(5);
        assertThat(takeAll(b, 1, nextHour)).isEqualTo(5);
    }

    @Test
    void aSkewedListShouldGetTheWholeDayThroughOnePartitionAtThePoolsHourlyCap() {
        ScheduledWarmup a = owner(schedule(20, 10));
        ScheduledWarmup b = owner(schedule(20, 10));
        a.lendIdle(Set.of(0), T0);
        assertThat(takeAll(b, 1, T0)).as("B's share of the hour").isEqualTo(5);
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("the hour's 5; B has day left").isEqualTo(5);
        assertThat(takeAll(b, 1, T0.plus(LEND_AFTER))).as("in the first hour: the pool's hourly cap").isEqualTo(5);

        Instant tenOClock = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(takeAll(b, 1, tenOClock)).as("B's share of the day is used").isZero();
        assertThat(a.lendIdle(Set.of(0), tenOClock.plus(LEND_AFTER))).as("A's day; B's hour is not used yet").isEqualTo(10);
        assertThat(takeAll(b, 1, tenOClock.plus(LEND_AFTER))).as("B's own share of the hour").isEqualTo(5);
        assertThat(a.lendIdle(Set.of(0), tenOClock.plus(LEND_AFTER.multipliedBy(2)))).as("now A's hour").isEqualTo(5);
        assertThat(takeAll(b, 1, tenOClock.plus(LEND_AFTER.multipliedBy(2)))).as("the pool's hourly cap again").isEqualTo(5);
        assertThat(takeAll(b, 1, tenOClock.plus(LEND_AFTER.multipliedBy(3)))).as("the day's 20 are used").isZero();
        assertThat(takeAll(a, 0, tenOClock.plus(LEND_AFTER.multipliedBy(3)))).isZero();
    }

    @Test
    void mailRefusedForTheHourShouldAskAgainAfterSixLendingPeriodsWhenLendingIsOn() {
        ScheduledWarmup b = owner(schedule(1000, 10));
        takeAll(b, 1, T0);
        assertThat(b.tryTake("default", "default", 1, T0)).as("30 minutes: a retry topic's delay, not memory")
                .contains(T0.plus(LEND_AFTER.multipliedBy(6)));
        Instant late = Instant.parse("2026-12-01T09:45:00Z");
        assertThat(b.tryTake("default", "default", 1, late)).as("never past the hour's end")
                .contains(Instant.parse("2026-12-01T10:00:00Z"));

        ScheduledWarmup noLending = new ScheduledWarmup(List.of(schedule(1000, 10)), 2, new InMemoryWarmupCounters());
        takeAll(noLending, 1, T0);
        assertThat(noLending.tryTake("default", "default", 1, T0)).contains(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void aPartitionShortOfBothShouldBeLentTheDayAndTheHourTogether() {
        ScheduledWarmup a = owner(schedule(10, 10));
        ScheduledWarmup b = owner(schedule(10, 10));
        a.lendIdle(Set.of(0), T0);
        assertThat(takeAll(b, 1, T0)).isEqualTo(5);
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).as("the day's 5 and the hour's 5").isEqualTo(10);
        assertThat(takeAll(b, 1, T0.plus(LEND_AFTER))).isEqualTo(5);
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER.multipliedBy(2)))).as("nothing left of either").isZero();
    }

    @Test
    void aPartitionWithNoDayLeftShouldNotBeLentAnHourItCannotUse() {
        ScheduledWarmup a = owner(schedule(10, 10));
        ScheduledWarmup b = owner(schedule(10, 10));
        Instant eight = Instant.parse("2026-12-01T08:00:00Z");
        assertThat(takeAll(a, 0, eight)).as("A's whole day, at eight").isEqualTo(5);
        assertThat(takeAll(b, 1, T0)).as("B's whole day, at nine").isEqualTo(5);
        // A is idle at nine with its hour's 5 unused, but B has no day left to use them with, and A none to lend
        assertThat(a.lendIdle(Set.of(0), T0.plus(LEND_AFTER))).isZero();
        assertThat(store.get(new WarmupKey("newip", START, 0)).orElseThrow().lentThisHour()).isEmpty();
    }

    @Test
    void twoViewsOfACounterShouldKeepTheLaterHoursLoans() {
        WarmupCount ten = WarmupCount.NONE.lendingHour(10, 1, 3);
        WarmupCount nine = WarmupCount.NONE.lendingHour(9, 1, 7);
        assertThat(ten.max(nine).lentInHourTo(10, 1)).isEqualTo(3);
        assertThat(nine.max(ten).lentInHourTo(9, 1)).as("the earlier hour's loan is over").isZero();
        assertThat(ten.max(ten.lendingHour(10, 1, 2)).lentInHour(10)).isEqualTo(5);
    }
}
