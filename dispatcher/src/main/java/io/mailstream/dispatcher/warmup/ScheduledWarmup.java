package io.mailstream.dispatcher.warmup;

import java.time.Duration;
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
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p><b>Lending</b> (when {@code lendAfter} is positive): the owner of a partition that took nothing
 * from a schedule for {@code lendAfter} lends the rest of its day's share ({@link #lendIdle}) to the
 * partitions whose mail found their day's budget used up within that time, evenly. A loan is written
 * in the lender's own counter ({@link WarmupCount#lent()}), which only the lender's owner writes: the
 * lender's budget shrinks by what the borrower's grows, so the fleet's day total never grows. The
 * rest of the current hour's share is lent the same way ({@link WarmupCount#lentThisHour()}) to partitions
 * whose mail found the hour's budget used up, so the pool's hourly cap, not one partition's share of it,
 * holds a skewed list. With lending on, mail refused for the day asks again after {@link #recheckAfter()}
 * (6 x lend-after: by default 30 minutes, a retry topic's delay) rather than the next day, and mail
 * refused for the hour asks again after as long if the hour lasts longer, so a loan is used the same
 * day or hour.
 */
public final class ScheduledWarmup implements WarmupBudget {
    private static final Logger log = LoggerFactory.getLogger(ScheduledWarmup.class);
    private final List<WarmupSchedule> schedules;
    private final int partitions;
    private final WarmupCounterStore store;
    private final Map<WarmupKey, WarmupCount> local = new HashMap<>();
    private final Duration lendAfter;
    static final int RECHECK_FACTOR = 6;
    // when each (schedule, day, partition) last asked for budget here, or was first seen owned: idle partitions lend
    private final Map<WarmupKey, Instant> lastAsked = new HashMap<>();

    /** No lending: each partition keeps its share of the day. */
    public ScheduledWarmup(List<WarmupSchedule> schedules, int partitions, WarmupCounterStore store) {
        this(schedules, partitions, store, Duration.ZERO);
    }

    /** @param lendAfter a partition idle this long lends the rest of its day's share to partitions where mail waits; zero: never */
    public ScheduledWarmup(List<WarmupSchedule> schedules, int partitions, WarmupCounterStore store, Duration lendAfter) {
        if (lendAfter.isNegative()) {
            throw new IllegalArgumentException("warmup.lend-after must not be negative, was " + lendAfter);
        }
        this.lendAfter = lendAfter;
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.schedules = List.copyOf(schedules);
        this.partitions = partitions;
        this.store = store;
    }

    /** The configured schedules, for metrics. */
    public List<WarmupSchedule> schedules() {
        return schedules;
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
        return take(pool, Optional.empty(), policy, partition, now);
    }

    @Override
    public synchronized Optional<Instant> tryTake(String pool, String address, String policy, int partition, Instant now) {
        return take(pool, Optional.of(address), policy, partition, now);
    }

    @Override
    public java.util.Set<String> scheduledAddresses(String pool) {
        return schedules.stream().filter(s -> s.pool().equals(pool)).flatMap(s -> s.address().stream())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean overflows(String pool, String address) {
        return schedules.stream().anyMatch(s -> s.pool().equals(pool) && s.address().equals(Optional.of(address)) && s.overflow());
    }

    private Optional<Instant> take(String pool, Optional<String> address, String policy, int partition, Instant now) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        LocalDate today = utc.toLocalDate();
        int hour = utc.getHour();
        int p = Math.floorMod(partition, partitions);
        List<WarmupKey> charged = new ArrayList<>();
        for (WarmupSchedule s : schedules) {
            if (!s.appliesTo(pool, address, policy)) {
                continue;
            }
            Optional<WarmupDay> row = s.on(today);
            if (row.isEmpty()) {
                continue;
            }
            WarmupKey key = new WarmupKey(s.name(), today, p);
            lastAsked.put(key, now);
            WarmupCount used = current(key);
            if (used.sentToday() >= dayBudget(key, row.get())) {
                markWaiting(key, used, now);
                Instant tomorrow = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                // with lending, a loan may come before tomorrow: look again then (a retry topic's delay, or memory if short)
                Instant recheck = now.plus(recheckAfter());
                return Optional.of(!lendAfter.isZero() && recheck.isBefore(tomorrow) ? recheck : tomorrow);
            }
            if (used.inHour(hour) >= hourBudget(key, row.get(), hour)) {
                Instant nextHour = utc.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
                if (lendAfter.isZero()) {
                    return Optional.of(nextHour);
                }
                markWaiting(key, used, now);
                // an idle partition may lend its rest of the hour: look again before the hour ends, after as long as a day's
                // refusal waits (a retry topic's delay), so that hour-capped mail does not fill the partition's buffer meanwhile
                Instant recheck = now.plus(recheckAfter());
                return Optional.of(recheck.isBefore(nextHour) ? recheck : nextHour);
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

    /** The partition's day budget: its share, less what its owner lent, plus what every other partition's owner lent to it. */
    private long dayBudget(WarmupKey key, WarmupDay row) {
        long budget = share(row.maxPerDay(), partitions, key.partition(), key.day().toEpochDay()) - current(key).lentInTotal();
        for (int q = 0; q < partitions; q++) {
            if (q != key.partition()) {
                budget += current(new WarmupKey(key.schedule(), key.day(), q)).lentTo(key.partition());
            }
        }
        return budget;
    }

    /**
     * The partition's budget in the UTC hour {@code hour} of its day: its share of the hour, less what its
     * owner lent of it, plus what every other partition's owner lent to it for that hour.
     */
    private long hourBudget(WarmupKey key, WarmupDay row, int hour) {
        long budget = share(row.maxPerHour(), partitions, key.partition(), key.day().toEpochDay() * 24 + hour)
                - current(key).lentInHour(hour);
        for (int q = 0; q < partitions; q++) {
            if (q != key.partition()) {
                budget += current(new WarmupKey(key.schedule(), key.day(), q)).lentInHourTo(hour, key.partition());
            }
        }
        return budget;
    }

    /** How long mail refused for the day waits before it asks again, when lending is on: {@value #RECHECK_FACTOR} x lend-after. */
    Duration recheckAfter() {
        return lendAfter.multipliedBy(RECHECK_FACTOR);
    }

    /** A partition waits "now" while its last refusal is no older than one wait and one lending period. */
    private boolean waitsAt(WarmupCount c, Instant now) {
        return c.waitingAt().map(w -> !w.plus(recheckAfter()).plus(lendAfter).isBefore(now)).orElse(false);
    }

    private void markWaiting(WarmupKey key, WarmupCount used, Instant now) {
        // lenders look for recent waits: one write per partition every tenth of lend-after is enough, not one per refusal
        if (lendAfter.isZero() || used.waitingAt().map(w -> w.plus(lendAfter.dividedBy(10)).isAfter(now)).orElse(false)) {
            return;
        }
        WarmupCount waiting = used.waitingSince(now);
        local.put(key, waiting);
        store.put(key, waiting);
    }

    /**
     * Lends the unused day's share of each partition in {@code owned} that asked nothing of a schedule
     * for {@code lendAfter} to the partitions whose mail waited for their day's budget within
     * {@code lendAfter} and still has none left: evenly, the remainder to the lowest numbers. Call it
     * now and then with the partitions this dispatcher owns (only their owner may lend them).
     *
     * @return the units lent
     */
    public synchronized long lendIdle(Set<Integer> owned, Instant now) {
        if (lendAfter.isZero()) {
            return 0;
        }
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        long lentNow = 0;
        for (WarmupSchedule s : schedules) {
            Optional<WarmupDay> row = s.on(today);
            if (row.isEmpty()) {
                continue;
            }
            for (int q : owned.stream().map(n -> Math.floorMod(n, partitions)).distinct().sorted().toList()) {
                WarmupKey lender = new WarmupKey(s.name(), today, q);
                Instant asked = lastAsked.computeIfAbsent(lender, k -> now);
                // mail parked until its re-check asks nothing meanwhile: a partition that waited lately is not idle
                if (asked.plus(lendAfter).isAfter(now) || waitsAt(current(lender), now)) {
                    continue;
                }
                lentNow += lendDay(s, row.get(), lender, now);
                lentNow += lendHour(s, row.get(), lender, now);
            }
        }
        if (lastAsked.size() > 10_000) {
            lastAsked.keySet().removeIf(k -> k.day().isBefore(today));
        }
        return lentNow;
    }

    /** The idle {@code lender}'s rest of the day, to the partitions whose mail waits with their day's budget used up. */
    private long lendDay(WarmupSchedule s, WarmupDay row, WarmupKey lender, Instant now) {
        long spare = dayBudget(lender, row) - current(lender).sentToday();
        if (spare <= 0) {
            return 0;
        }
        List<Integer> waiting = borrowers(s, lender, now, b -> current(b).sentToday() >= dayBudget(b, row));
        if (waiting.isEmpty()) {
            return 0;
        }
        WarmupCount loans = splitEvenly(spare, waiting, current(lender), (c, borrower, units) -> c.lending(borrower, units));
        local.put(lender, loans);
        store.put(lender, loans);
        log.info("warm-up {}: idle partition {} lends {} of today's budget to partitions {} where mail waits",
                s.name(), lender.partition(), spare, waiting);
        return spare;
    }

    /**
     * The idle {@code lender}'s rest of the current hour's share, to the partitions whose mail waits with
     * that hour's budget used up and some of their day's left (else the hour would not help them): a
     * skewed list is then held by the pool's hourly cap, not by one partition's share of it.
     */
    private long lendHour(WarmupSchedule s, WarmupDay row, WarmupKey lender, Instant now) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        long spare = hourBudget(lender, row, hour) - current(lender).inHour(hour);
        if (spare <= 0) {
            return 0;
        }
        List<Integer> waiting = borrowers(s, lender, now, b -> current(b).inHour(hour) >= hourBudget(b, row, hour)
                && current(b).sentToday() < dayBudget(b, row));
        if (waiting.isEmpty()) {
            return 0;
        }
        WarmupCount loans = splitEvenly(spare, waiting, current(lender), (c, borrower, units) -> c.lendingHour(hour, borrower, units));
        local.put(lender, loans);
        store.put(lender, loans);
        log.info("warm-up {}: idle partition {} lends {} of the hour {}:00's budget to partitions {} where mail waits",
                s.name(), lender.partition(), spare, hour, waiting);
        return spare;
    }

    /** Records one loan of a lender's count: {@code units} of its budget to partition {@code borrower}. */
    @FunctionalInterface
    private interface Loan {
        WarmupCount lend(WarmupCount lender, int borrower, long units);
    }

    /**
     * {@code spare} split evenly over the {@code waiting} partitions, the remainder one each to the first
     * ones (so nothing of it is lost to rounding), each share recorded on {@code lender} by {@code loan}.
     */
    private static WarmupCount splitEvenly(long spare, List<Integer> waiting, WarmupCount lender, Loan loan) {
        WarmupCount loans = lender;
        for (int i = 0; i < waiting.size(); i++) {
            long units = spare / waiting.size() + (i < spare % waiting.size() ? 1 : 0);
            if (units > 0) {
                loans = loan.lend(loans, waiting.get(i), units);
            }
        }
        return loans;
    }

    /** The other partitions of the schedule whose mail waited lately and which {@code lacking} says lack budget, in order. */
    private List<Integer> borrowers(WarmupSchedule s, WarmupKey lender, Instant now, java.util.function.Predicate<WarmupKey> lacking) {
        List<Integer> waiting = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            WarmupKey borrower = new WarmupKey(s.name(), lender.day(), p);
            if (p != lender.partition() && waitsAt(current(borrower), now) && lacking.test(borrower)) {
                waiting.add(p);
            }
        }
        return waiting;
    }

    private WarmupCount current(WarmupKey key) {
        WarmupCount mine = local.getOrDefault(key, WarmupCount.NONE);
        return mine.max(store.get(key).orElse(WarmupCount.NONE));
    }
}
