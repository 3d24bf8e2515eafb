package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.warmup.WarmupBudget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes a message's warm-up budget when some addresses of its sending pool have budgets of their own
 * ({@code warmup.<name>.address}): the message is given an address of the pool in turn, takes that
 * address's budget (and the pool's) and must leave from it. When the address's budget is used up and
 * its schedule allows overflow ({@code warmup.<name>.overflow}), the message takes the next address in
 * turn that still has budget (an already-warm address, without a schedule of its own, always has) instead
 * of waiting: each IP keeps its own budget and its own EHLO name, since the connection binds to the
 * address chosen here. Without overflow, or when no address has budget, it waits for the soonest
 * reopening. Pools without per-address schedules are counted as before, with no address chosen.
 */
final class AddressWarmup {
    private final WarmupBudget warmup;
    private final PoolAddresses addresses;
    private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

    AddressWarmup(WarmupBudget warmup, PoolAddresses addresses) {
        this.warmup = warmup;
        this.addresses = addresses;
    }

    /** @return the address taken, or when the budget reopens (nothing was taken) */
    Result take(String pool, String policy, int partition, Instant now) {
        Set<String> scheduled = warmup.scheduledAddresses(pool);
        List<String> all = addresses.of(pool);
        if (scheduled.isEmpty() || all.isEmpty()) {
            return warmup.tryTake(pool, policy, partition, now).<Result>map(Result.Wait::new)
                    .orElseGet(() -> new Result.Go(Optional.empty()));
        }
        int first = Math.floorMod(turns.computeIfAbsent(pool, p -> new AtomicInteger()).getAndIncrement(), all.size());
        String own = all.get(first);
        Optional<Instant> refused = warmup.tryTake(pool, own, policy, partition, now);
        if (refused.isEmpty()) {
            return new Result.Go(Optional.of(own));
        }
        if (!warmup.overflows(pool, own)) {
            return new Result.Wait(refused.get());
        }
        Instant soonest = refused.get();
        for (int i = 1; i < all.size(); i++) {
            String other = all.get((first + i) % all.size());
            Optional<Instant> r = warmup.tryTake(pool, other, policy, partition, now);
            if (r.isEmpty()) {
                return new Result.Go(Optional.of(other));
            }
            soonest = r.get().isBefore(soonest) ? r.get() : soonest;
        }
        return new Result.Wait(soonest);
    }

    /** What {@link #take} decided. */
    sealed interface Result {
        /** Budget taken; the message leaves from {@code address} when present. */
        record Go(Optional<String> address) implements Result {
        }

        /** No budget until {@code reopensAt}; nothing taken. */
        record Wait(Instant reopensAt) implements Result {
        }
    }
}
