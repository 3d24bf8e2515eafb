package io.mailstream.schemas.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a topic must look like; {@link Topics} declares every one of ours once. */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Optional<Duration> retention) {
    public enum CleanupPolicy {
        DELETE("delete"), COMPACT("compact");

        private final String configValue;

        CleanupPolicy(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }
    }

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
    }

    public TopicSpec withPartitions(int n) {
        return new TopicSpec(name, n, cleanupPolicy, retention);
    }

    /** Kafka topic configs (cleanup.policy, retention.ms) for this spec. */
    public Map<String, String> configs() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cleanup.policy", cleanupPolicy.configValue());
        retention.ifPresent(r -> m.put("retention.ms", Long.toString(r.toMillis())));
        return m;
    }
}
