package io.mailstream.dispatcher.warmup;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Budget used by one partition on one warm-up day: in total, and in the UTC hour {@code hour}; what
 * its owner lent of the day's budget, by borrowing partition; and when its mail last found the day's
 * budget used up. Every field only grows within a day, and one owner writes it at a time.
 */
public record WarmupCount(long sentToday, int hour, long sentThisHour, Map<Integer, Long> lent, Optional<Instant> waitingAt) {
    public static final WarmupCount NONE = new WarmupCount(0, -1, 0);

    public WarmupCount {
        lent = Map.copyOf(lent);
    }

    public WarmupCount(long sentToday, int hour, long sentThisHour) {
        this(sentToday, hour, sentThisHour, Map.of(), Optional.empty());
    }

    long inHour(int h) {
        return h == hour ? sentThisHour : 0;
    }

    WarmupCount plusOne(int h) {
        return new WarmupCount(sentToday + 1, h, inHour(h) + 1, lent, waitingAt);
    }

    long lentInTotal() {
        return lent.values().stream().mapToLong(Long::longValue).sum();
    }

    long lentTo(int partition) {
        return lent.getOrDefault(partition, 0L);
    }

    WarmupCount lending(int borrower, long units) {
        Map<Integer, Long> more = new HashMap<>(lent);
        more.merge(borrower, units, Long::sum);
        return new WarmupCount(sentToday, hour, sentThisHour, more, waitingAt);
    }

    WarmupCount waitingSince(Instant now) {
        return new WarmupCount(sentToday, hour, sentThisHour, lent, Optional.of(now));
    }

    /**
     * Two views of the same counter (ours and what the state topic says) merged: each field only grows
     * within a day, so the larger of each (the hour's count goes with the later hour) is the newer.
     */
    WarmupCount max(WarmupCount other) {
        WarmupCount hourly = other.sentToday > sentToday || (other.sentToday == sentToday && other.hour > hour) ? other : this;
        Map<Integer, Long> loans = new HashMap<>(lent);
        other.lent.forEach((p, n) -> loans.merge(p, n, Math::max));
        Optional<Instant> waited = waitingAt.isEmpty() ? other.waitingAt
                : other.waitingAt.filter(w -> w.isAfter(waitingAt.get())).or(() -> waitingAt);
        return new WarmupCount(Math.max(sentToday, other.sentToday), hourly.hour, hourly.sentThisHour, loans, waited);
    }
}
