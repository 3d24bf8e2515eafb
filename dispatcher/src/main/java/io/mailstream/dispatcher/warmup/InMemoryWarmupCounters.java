package io.mailstream.dispatcher.warmup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Counters in a map: for tests, and for a dispatcher that may forget its warm-up on restart. */
public final class InMemoryWarmupCounters implements WarmupCounterStore {
    private final Map<WarmupKey, WarmupCount> counts = new ConcurrentHashMap<>();

    @Override
    public Optional<WarmupCount> get(WarmupKey key) {
        return Optional.ofNullable(counts.get(key));
    }

    @Override
    public void put(WarmupKey key, WarmupCount count) {
        counts.merge(key, count, WarmupCount::max);
    }
}
