package io.mailstream.dispatcher.warmup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A warm-up table for a sending pool, or for one address of it (optionally only for one policy's
 * destinations): from {@code start} (UTC), day 1, 2, … of {@code days}; after the last day the schedule
 * no longer applies and the normal policies alone pace the pool. Before the start date day 1 applies: a
 * new IP never goes out at full speed early.
 *
 * @param address  {@code warmup.<name>.address}: only mail leaving from this IP of the pool counts (each IP its own
 *                 budget); empty: every message of the pool
 * @param overflow {@code warmup.<name>.overflow}: when this address's budget is used up, its mail may leave from
 *                 another address of the pool that still has budget, instead of waiting
 */
public record WarmupSchedule(String name, String pool, Optional<String> policy, LocalDate start, List<WarmupDay> days,
                             Optional<String> address, boolean overflow) {
    /** A schedule for the whole pool. */
    public WarmupSchedule(String name, String pool, Optional<String> policy, LocalDate start, List<WarmupDay> days) {
        this(name, pool, policy, start, days, Optional.empty(), false);
    }

    public WarmupSchedule {
        if (address == null) {
            throw new IllegalArgumentException("warm-up schedule " + name + ": address must not be null (Optional.empty())");
        }
        if (overflow && address.isEmpty()) {
            throw new IllegalArgumentException("warm-up schedule " + name + ": overflow needs an address (it moves mail to the "
                    + "pool's other addresses)");
        }
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

    /** Whether mail of {@code policy} from the pool counts here, whatever its address: a schedule of the whole pool. */
    public boolean appliesTo(String pool, String policy) {
        return appliesTo(pool, Optional.empty(), policy);
    }

    /** Whether mail of {@code policy} leaving from {@code address} (empty: not known yet) of the pool counts here. */
    public boolean appliesTo(String pool, Optional<String> address, String policy) {
        return this.pool.equals(pool) && (this.policy.isEmpty() || this.policy.get().equals(policy))
                && (this.address.isEmpty() || this.address.equals(address));
    }
}
