package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.AdaptiveSettings;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;

/**
 * Throttling, warm-up and adaptive backoff, validated (keys in the README, "Throttling, warm-up and
 * backoff"; read from properties by {@link PacingProperties}).
 *
 * @param policies         {@code policy.<name>.*}: named traffic policies, matched in this order by MX suffix
 * @param defaultPolicy    {@code policy.default.*}: for every destination no named policy matches
 * @param shards           {@code domain-shards}: how many routing-key shards each large domain has (as the producer)
 * @param adaptive         {@code aimd.*}: adaptive backoff
 * @param warmups          {@code warmup.<name>.*}: warm-up schedules
 * @param warmupPartitions {@code warmup.partitions}: partitions of the consumed mail topics, over which warm-up budgets are split
 * @param warmupMaxWaitInMemory {@code warmup.max-wait-in-memory}: mail whose budget reopens later than this waits in a retry topic
 * @param warmupLendAfter  {@code warmup.lend-after}: a partition that asked nothing of a warm-up schedule for this long lends
 *                         the rest of its day's share to partitions where mail waits; zero: no lending
 */
public record PacingConfig(List<TrafficPolicy> policies, TrafficPolicy defaultPolicy, DomainShards shards,
                           AdaptiveSettings adaptive, List<WarmupSchedule> warmups, int warmupPartitions,
                           Duration warmupMaxWaitInMemory, Duration warmupLendAfter) {
    public static final Duration DEFAULT_WARMUP_LEND_AFTER = Duration.ofMinutes(5);

    /** With {@link #DEFAULT_WARMUP_LEND_AFTER}. */
    public PacingConfig(List<TrafficPolicy> policies, TrafficPolicy defaultPolicy, DomainShards shards, AdaptiveSettings adaptive,
                        List<WarmupSchedule> warmups, int warmupPartitions, Duration warmupMaxWaitInMemory) {
        this(policies, defaultPolicy, shards, adaptive, warmups, warmupPartitions, warmupMaxWaitInMemory, DEFAULT_WARMUP_LEND_AFTER);
    }

    public PacingConfig {
        policies = List.copyOf(policies);
        warmups = List.copyOf(warmups);
        if (defaultPolicy == null || !defaultPolicy.isDefault()) {
            throw new InvalidConfigException("policy.default", "the default policy must match everything");
        }
        if (warmupPartitions < 1) {
            throw new InvalidConfigException("warmup.partitions", "must be at least 1, was " + warmupPartitions);
        }
        if (warmupMaxWaitInMemory == null || warmupMaxWaitInMemory.isNegative()) {
            throw new InvalidConfigException("warmup.max-wait-in-memory", "must be a duration of zero or more, was " + warmupMaxWaitInMemory);
        }
        if (warmupLendAfter == null || warmupLendAfter.isNegative()) {
            throw new InvalidConfigException("warmup.lend-after", "must be a duration of zero (no lending) or more, was " + warmupLendAfter);
        }
    }

    /** No limits beyond the default policy's connection limit, no warm-up. */
    public static PacingConfig defaults() {
        return new PacingConfig(List.of(), TrafficPolicy.defaults(), DomainShards.NONE,
                AdaptiveSettings.DEFAULTS, List.of(), Topics.DEFAULT_OUTBOUND_PARTITIONS,
                Pacing.DEFAULT_MAX_WAIT_IN_MEMORY);
    }
}
