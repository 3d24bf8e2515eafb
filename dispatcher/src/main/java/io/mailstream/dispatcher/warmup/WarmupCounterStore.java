package io.mailstream.dispatcher.warmup;

import java.util.Optional;

/** Where warm-up counters outlive the process: the Kafka state topic in production, a map in tests. Thread-safe. */
public interface WarmupCounterStore {
    Optional<WarmupCount> get(WarmupKey key);

    void put(WarmupKey key, WarmupCount count);
}
