package io.mailstream.schemas.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What a topic must look like; {@link Topics} declares every one of ours once. */
public record TopicSpec(String name, int partitions, CleanupPolicy cleanupPolicy, Optional<Duration> retention) {
    public enum CleanupPolicy {
        DELETE("delete"), COMPACT("compact"),
        /** Compacted, and records older than the retention are deleted too: a compacted table with a horizon. */
        COMPACT_DELETE("compact,delete");

        private final String configValue;

        CleanupPolicy(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }

        /** The policy whose {@code cleanup.policy} value is {@code value} ("delete", "compact", "compact,delete"). */
        public static CleanupPolicy ofConfigValue(String value) {
            for (CleanupPolicy p : values()) {
                if (p.configValue.equals(value)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown cleanup.policy '" + value + "'; expected delete, compact or compact,delete");
        }
    }

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
        // Kafka's own rules (org.apache.kafka.common.internals.Topic.validate)
        if (name.length() > 249 || name.equals(".") || name.equals("..")
                || !name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
            throw new IllegalArgumentException("topic name '" + name
                    + "' is not a legal Kafka topic name (at most 249 of [a-zA-Z0-9._-], not '.' or '..')");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        if (cleanupPolicy == null) {
            throw new IllegalArgumentException("topic " + name + ": cleanup policy is required");
        }
        if (retention == null) {
            throw new IllegalArgumentException("topic " + name + ": retention must be Optional.empty() for the broker default, not null");
        }
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("topic " + name + ": retention must be positive, was " + r);
            }
        });
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
