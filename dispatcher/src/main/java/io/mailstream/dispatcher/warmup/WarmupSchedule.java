package io.mailstream.dispatcher.warmup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A warm-up table for a sending pool (optionally only for one policy's destinations): from
 * {@code start} (UTC), day 1, 2, … of {@code days}; after the last day the schedule no longer
 * applies and the normal policies alone pace the pool. Before the start date day 1 applies: a new IP
 * never goes out at full speed early.
 */
public record WarmupSchedule(String name, String pool, Optional<String> policy, LocalDate start, List<WarmupDay> days) {
    public WarmupSchedule {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("warm-up schedule name must be lower-case letters, digits, '-' or '_', was '" + name + "'");
        }
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("warm-up schedule " + name + " has no days");
        }
        days = List.copyOf(days);
        for (int i = 0; i < days.size(); i++) {
            if (days.get(i).day() != i + 1) {
                throw new IllegalArgumentException("warm-up schedule " + name + ": days must be 1.." + days.size()
                        + " without gaps; day " + (i + 1) + " is missing");
            }
        }
    }

    /** The row in force on {@code date}, empty once the schedule is over. */
    public Optional<WarmupDay> on(LocalDate date) {
        long index = ChronoUnit.DAYS.between(start, date);
        if (index < 0) {
            return Optional.of(days.get(0));
        }
        return index < days.size() ? Optional.of(days.get((int) index)) : Optional.empty();
    }

    public boolean appliesTo(String pool, String policy) {
        return this.pool.equals(pool) && (this.policy.isEmpty() || this.policy.get().equals(policy));
    }
}
