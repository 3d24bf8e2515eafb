package io.mailstream.schemas.topics;

import io.mailstream.schemas.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every topic of the pipeline, named and configured once (DESIGN.md, "Topics"). */
public final class Topics {
    private Topics() {
    }

    public static final String CAMPAIGNS = "mail.campaigns";
    public static final String OUTBOUND = "mail.outbound";
    public static final String TRANSACTIONAL = "mail.transactional";
    public static final String RETRY_PREFIX = "mail.retry.";
    /**
     * Retry topics of transactional mail: their own, so a deferred password reset waits only for
     * its delay and its lane, never behind a campaign's retries (issue 14). Under {@link #RETRY_PREFIX},
     * so the prefixed ACLs of the retry topics cover them.
     */
    public static final String TRANSACTIONAL_RETRY_PREFIX = RETRY_PREFIX + "transactional.";
    public static final String DELIVERY_EVENTS = "mail.delivery-events";
    public static final String BOUNCES_RAW = "mail.bounces.raw";
    public static final String SUPPRESSIONS = "mail.suppressions";
    public static final String DEAD_LETTER = "mail.dead-letter";
    /** Warm-up budget used per (schedule, day, partition); compacted, read whole by every dispatcher. */
    public static final String WARMUP_COUNTERS = "mail.warmup-counters";
    /**
     * Claims of transactional {@code Idempotency-Key}s: key {@code <messageId>/<request fingerprint>},
     * partitioned by the message id, so every API replica agrees which claim of an id came first.
     * Compacted with a horizon ({@link #IDEMPOTENCY_HORIZON}).
     */
    public static final String IDEMPOTENCY_KEYS = "mail.idempotency-keys";
    /** How long an {@code Idempotency-Key} is held to its first request body across API replicas. */
    public static final Duration IDEMPOTENCY_HORIZON = Duration.ofDays(1);
    /**
     * TLS-RPT (RFC 8460) session counts per policy domain and UTC day, written by every dispatcher as deltas,
     * and the marks of reports already sent. Plain (not compacted): readers sum the deltas.
     */
    public static final String TLS_REPORTS = "mail.tls-reports";
    /**
     * The latest delivery event of every transactional message (campaign id null), keyed by message id:
     * what {@code GET /v1/messages/{id}} answers from, independent of campaign volume. Compacted with a
     * horizon ({@link #TRANSACTIONAL_STATUS_RETENTION}); written and read by the API replicas.
     */
    public static final String TRANSACTIONAL_STATUS = "mail.transactional-status";
    /** How long the status of a transactional message is kept by default. */
    public static final Duration TRANSACTIONAL_STATUS_RETENTION = Duration.ofDays(7);
    /**
     * The fleet's one shard map ({@code ShardMap}, key {@code shard-map}); compacted, one partition.
     * Written by {@code mailstream policies apply}, read by launch, the API and every dispatcher.
     */
    public static final String SHARD_MAP = "mail.shard-map";
    /**
     * The adaptive (AIMD) throttle state per (policy, routing target) ({@code AdaptiveState}, key
     * {@code <policy>|<target>}); compacted, followed whole by every dispatcher.
     */
    public static final String THROTTLE_STATE = "mail.throttle-state";
    /**
     * Events a webhook endpoint never accepted (refused with a 4xx, or failing past its retry period), one
     * record per event: key = event id, value = the event's JSON, headers naming the endpoint and the reason.
     * Written by {@code mailstream webhooks}.
     */
    public static final String WEBHOOKS_DEAD_LETTER = "mail.webhooks.dead-letter";
    /**
     * The campaign guard's decisions ({@code GuardDecision}, key {@code <campaignId>|<provider>}):
     * a campaign braked at a mailbox provider, once; compacted. Written by the bounce processor,
     * for operators and webhooks.
     */
    public static final String GUARD_DECISIONS = "mail.guard-decisions";
    /**
     * Clicks and opens ({@code EngagementEvent}), keyed by message id: written by the tracking endpoint,
     * read by the bounce processor's statistics (and the webhooks). Plain, 30 days.
     */
    public static final String ENGAGEMENT = "mail.engagement";
    /**
     * Every DSN the bounce processor tied to its message ({@code ReceivedBounce}, keyed by message id): failed
     * (hard or soft) and delayed, whether or not it suppressed anyone. Written by the bounce processor, read by
     * the webhooks. Plain, 30 days.
     */
    public static final String RECEIVED_BOUNCES = "mail.received-bounces";
    public static final String SCHEMAS = "_schemas";

    /** The fixed retry delays; each has its own topic so a consumer only waits for its head record. */
    public static final List<Duration> RETRY_DELAYS = List.of(
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6));

    public static String retryTopic(Duration delay) {
        return RETRY_PREFIX + delay.toMinutes() + "m";
    }

    /** The retry topic of transactional mail for {@code delay}, e.g. {@code mail.retry.transactional.1m}. */
    public static String transactionalRetryTopic(Duration delay) {
        return TRANSACTIONAL_RETRY_PREFIX + delay.toMinutes() + "m";
    }

    /** Whether records of {@code topic} are transactional mail: {@link #TRANSACTIONAL} or one of its retry topics. */
    public static boolean isTransactional(String topic) {
        return TRANSACTIONAL.equals(topic) || topic.startsWith(TRANSACTIONAL_RETRY_PREFIX);
    }

    /** Default partition counts, tuned for a few dispatchers; scale them with the cluster. */
    public static List<TopicSpec> all(int outboundPartitions) {
        Optional<Duration> week = Optional.of(Duration.ofDays(7));
        List<TopicSpec> base = new java.util.ArrayList<>(List.of(
                new TopicSpec(CAMPAIGNS, 1, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(OUTBOUND, outboundPartitions, CleanupPolicy.DELETE, week),
                new TopicSpec(TRANSACTIONAL, outboundPartitions, CleanupPolicy.DELETE, week),
                new TopicSpec(DELIVERY_EVENTS, outboundPartitions, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(BOUNCES_RAW, 3, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(14))),
                new TopicSpec(SUPPRESSIONS, 3, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(DEAD_LETTER, 1, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(WEBHOOKS_DEAD_LETTER, 1, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(WARMUP_COUNTERS, 1, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(SHARD_MAP, 1, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(THROTTLE_STATE, 1, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(GUARD_DECISIONS, 1, CleanupPolicy.COMPACT, Optional.empty()),
                new TopicSpec(IDEMPOTENCY_KEYS, 3, CleanupPolicy.COMPACT_DELETE, Optional.of(IDEMPOTENCY_HORIZON)),
                new TopicSpec(RECEIVED_BOUNCES, 3, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(ENGAGEMENT, 6, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(TLS_REPORTS, 1, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))),
                new TopicSpec(TRANSACTIONAL_STATUS, 3, CleanupPolicy.COMPACT_DELETE, Optional.of(TRANSACTIONAL_STATUS_RETENTION))));
        for (Duration d : RETRY_DELAYS) {
            base.add(new TopicSpec(retryTopic(d), outboundPartitions, CleanupPolicy.DELETE, week));
        }
        for (Duration d : RETRY_DELAYS) {
            base.add(new TopicSpec(transactionalRetryTopic(d), outboundPartitions, CleanupPolicy.DELETE, week));
        }
        return List.copyOf(base);
    }

    public static final int DEFAULT_OUTBOUND_PARTITIONS = 12;

    public static List<TopicSpec> all() {
        return all(DEFAULT_OUTBOUND_PARTITIONS);
    }
}
