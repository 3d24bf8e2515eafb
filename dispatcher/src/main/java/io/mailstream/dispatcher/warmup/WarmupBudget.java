package io.mailstream.dispatcher.warmup;

import java.time.Instant;
import java.util.Optional;

/** The warm-up allowance of sending pools: whether one more message may go now, counted if so. Thread-safe. */
public interface WarmupBudget {
    /** No warm-up configured: everything may go. */
    WarmupBudget NONE = (pool, policy, partition, now) -> Optional.empty();

    /**
     * Takes one message from the budget of ({@code pool}, {@code policy}, {@code partition}) at
     * {@code now}; if none is left, takes nothing and says when the budget reopens.
     */
    Optional<Instant> tryTake(String pool, String policy, int partition, Instant now);

    /**
     * As {@link #tryTake(String, String, int, Instant)} for mail that will leave from {@code address} of the
     * pool: the schedules of the whole pool and that address's own count.
     */
    default Optional<Instant> tryTake(String pool, String address, String policy, int partition, Instant now) {
        return tryTake(pool, policy, partition, now);
    }

    /** The addresses of {@code pool} that have warm-up schedules of their own (their mail must be given an address). */
    default java.util.Set<String> scheduledAddresses(String pool) {
        return java.util.Set.of();
    }

    /** Whether mail refused by {@code address}'s own budget may leave from another address of {@code pool} instead. */
    default boolean overflows(String pool, String address) {
        return false;
    }
}
