package io.mailstream.dispatcher.warmup;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Budget used by one partition on one warm-up day: in total, and in the UTC hour {@code hour}; what
 * its owner lent of the day's budget, by borrowing partition; what it lent of its share of the hour
 * {@code loanHour} ({@code lentThisHour}, by borrowing partition); and when its mail last found the
 * day's or the hour's budget used up. Every field only grows within a day (hourly loans within their
 * hour), and one owner writes it at a time.
 */
public record WarmupCount(long sentToday, int hour, long sentThisHour, Map<Integer, Long> lent, Optional<Instant> waitingAt,
                          int loanHour, Map<Integer, Long> lentThisHour) {
    public static final WarmupCount NONE = new WarmupCount(0, -1, 0);

    public WarmupCount {
        lent = Map.copyOf(lent);
        lentThisHour = Map.copyOf(lentThisHour);
    }

    public WarmupCount(long sentToday, int hour, long sentThisHour) {
        this(sentToday, hour, sentThisHour, Map.of(), Optional.empty());
    }

    public WarmupCount(long sentToday, int hour, long sentThisHour, Map<Integer, Long> lent, Optional<Instant> waitingAt) {
        this(sentToday, hour, sentThisHour, lent, waitingAt, -1, Map.of());
    }

    long inHour(int h) {
        return h == hour ? sentThisHour : 0;
    }

    WarmupCount plusOne(int h) {
        return new WarmupCount(sentToday + 1, h, inHour(h) + 1, lent, waitingAt, loanHour, lentThisHour);
    }

    long lentInTotal() {
        return lent.values().stream().mapToLong(Long::longValue).sum();
    }

    long lentTo(int partition) {
        return lent.getOrDefault(partition, 0L);
    }

    /** What this partition's owner lent of its share of the hour {@code h}, in total. */
    long lentInHour(int h) {
        return h == loanHour ? lentThisHour.values().stream().mapToLong(Long::longValue).sum() : 0;
    }

    /** What this partition's owner lent of its share of the hour {@code h} to {@code partition}. */
    long lentInHourTo(int h, int partition) {
        return h == loanHour ? lentThisHour.getOrDefault(partition, 0L) : 0;
    }

    WarmupCount lending(int borrower, long units) {
        Map<Integer, Long> more = new HashMap<>(lent);
        more.merge(borrower, units, Long::sum);
        return new WarmupCount(sentToday, hour, sentThisHour, more, waitingAt, loanHour, lentThisHour);
    }

    /** Lends {@code units} of the hour {@code h}'s share to {@code borrower}; loans of an earlier hour are over. */
    WarmupCount lendingHour(int h, int borrower, long units) {
        Map<Integer, Long> more = new HashMap<>(h == loanHour ? lentThisHour : Map.of());
        more.merge(borrower, units, Long::sum);
        return new WarmupCount(sentToday, hour, sentThisHour, lent, waitingAt, h, more);
    }

    WarmupCount waitingSince(Instant now) {
        return new WarmupCount(sentToday, hour, sentThisHour, lent, Optional.of(now), loanHour, lentThisHour);
    }

    /**
     * Two views of the same counter (ours and what the state topic says) merged: each field only grows
     * within a day, so the larger of each (the hour's count goes with the later hour, the hourly loans
     * with the later loan hour) is the newer.
     */
    WarmupCount max(WarmupCount other) {
        WarmupCount hourly = other.sentToday > sentToday || (other.sentToday == sentToday && other.hour > hour) ? other : this;
        Map<Integer, Long> loans = new HashMap<>(lent);
        other.lent.forEach((p, n) -> loans.merge(p, n, Math::max));
        Optional<Instant> waited = waitingAt.isEmpty() ? other.waitingAt
                : other.waitingAt.filter(w -> w.isAfter(waitingAt.get())).or(() -> waitingAt);
        int laterLoanHour = Math.max(loanHour, other.loanHour);
        Map<Integer, Long> hourLoans = new HashMap<>(loanHour == laterLoanHour ? lentThisHour : Map.of());
        if (other.loanHour == laterLoanHour) {
            other.lentThisHour.forEach((p, n) -> hourLoans.merge(p, n, Math::max));
        }
        return new WarmupCount(Math.max(sentToday, other.sentToday), hourly.hour, hourly.sentThisHour, loans, waited,
                laterLoanHour, hourLoans);
    }
}
