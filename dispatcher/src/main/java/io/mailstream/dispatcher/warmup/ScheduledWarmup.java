package io.mailstream.dispatcher.warmup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warm-up budgets per partition (DESIGN: "whoever owns the partition owns the budget"): a day's
 * (and an hour's) budget is split evenly over the {@code partitions} partitions of the consumed
 * mail topics, the remainder going to partitions in turn (rotating by day and hour, so a budget
 * smaller than the partition count still reaches every partition). Counters are kept per
 * (schedule, day, partition) in a {@link WarmupCounterStore}, so they survive restarts and move with
 * their partition. Mail over budget is refused with the instant the budget reopens (next hour or
 * next UTC day): it waits, it is never dropped nor sent early. Thread-safe.
 *
 * <p>The same partition number of every consumed topic (outbound, transactional, retries) shares one
 * counter: exact when a dispatcher owns the same-numbered partitions of those topics, as Kafka's
 * default range assignor does for topics of equal partition counts.
 */
public final class ScheduledWarmup implements WarmupBudget {
    private final List<WarmupSchedule> schedules;
    private final int partitions;
    private final WarmupCounterStore store;
    private final Map<WarmupKey, WarmupCount> local = new HashMap<>();

    public ScheduledWarmup(List<WarmupSchedule> schedules, int partitions, WarmupCounterStore store) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.schedules = List.copyOf(schedules);
        this.partitions = partitions;
        this.store = store;
    }

    /** The share of {@code budget} that {@code partition} gets in the period numbered {@code period} (day or hour index). */
    static long share(long budget, int partitions, int partition, long period) {
        long base = budget / partitions;
        long extra = budget % partitions;
        long slot = Math.floorMod(partition + period, (long) partitions);
        return base + (slot < extra ? 1 : 0);
    }

    @Override
    public synchronized Optional<Instant> tryTake(String pool, String policy, int partition, Instant now) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        LocalDate today = utc.toLocalDate();
        int hour = utc.getHour();
        int p = Math.floorMod(partition, partitions);
        List<WarmupKey> charged = new ArrayList<>();
        for (WarmupSchedule s : schedules) {
            if (!s.appliesTo(pool, policy)) {
                continue;
            }
            Optional<WarmupDay> row = s.on(today);
            if (row.isEmpty()) {
                continue;
            }
            WarmupKey key = new WarmupKey(s.name(), today, p);
            WarmupCount used = current(key);
            long dayIndex = today.toEpochDay();
            if (used.sentToday() >= share(row.get().maxPerDay(), partitions, p, dayIndex)) {
                return Optional.of(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (used.inHour(hour) >= share(row.get().maxPerHour(), partitions, p, dayIndex * 24 + hour)) {
                return Optional.of(utc.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant());
            }
            charged.add(key);
        }
        for (WarmupKey key : charged) {
            WarmupCount next = current(key).plusOne(hour);
            local.put(key, next);
            store.put(key, next);
        }
        if (local.size() > 10_000) {
            local.keySet().removeIf(k -> k.day().isBefore(today));
        }
        return Optional.empty();
    }

    private WarmupCount current(WarmupKey key) {
        WarmupCount mine = local.getOrDefault(key, WarmupCount.NONE);
        return mine.max(store.get(key).orElse(WarmupCount.NONE));
    }
}
