package io.mailstream.dispatcher.throttle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the adaptive rates of the destinations (key {@code <policy>|<target>}) are kept beyond one
 * {@link Pacing}: the compacted {@code mail.throttle-state} ({@link KafkaAdaptiveStates}), so a
 * restart or a partition move keeps a slowed rate and the owners of a site's other shards slow down
 * too; or memory. The same store keeps each shard's hourly window ({@link HourReport}), so a
 * partition's new owner goes on counting its hour. Thread-safe.
 */
public interface AdaptiveStateStore {
    Optional<SavedRate> get(String key);

    void put(String key, String policy, String target, SavedRate rate);

    /** The newest report of the hourly window of {@code key} ({@code hour|<pool>|<policy>|<routing key>}). */
    Optional<HourReport> hourReport(String key);

    void putHourReport(String key, String policy, String routingKey, HourReport report);

    /** A store in memory: what a dispatcher without traffic policies uses, and what tests share between two {@link Pacing}s. */
    static AdaptiveStateStore inMemory() {
        Map<String, SavedRate> table = new ConcurrentHashMap<>();
        Map<String, HourReport> hours = new ConcurrentHashMap<>();
        return new AdaptiveStateStore() {
            @Override
            public Optional<SavedRate> get(String key) {
                return Optional.ofNullable(table.get(key));
            }

            @Override
            public void put(String key, String policy, String target, SavedRate rate) {
                table.merge(key, rate, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
            }

            @Override
            public Optional<HourReport> hourReport(String key) {
                return Optional.ofNullable(hours.get(key));
            }

            @Override
            public void putHourReport(String key, String policy, String routingKey, HourReport report) {
                hours.merge(key, report, (a, b) -> b.reportedAt().isBefore(a.reportedAt()) ? a : b);
            }
        };
    }
}
