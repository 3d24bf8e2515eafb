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
}
