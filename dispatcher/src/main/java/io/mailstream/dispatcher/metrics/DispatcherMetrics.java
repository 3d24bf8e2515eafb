package io.mailstream.dispatcher.metrics;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.dispatcher.outcome.OutcomeListener;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The dispatcher's meters, registered in the registry its composition root gives it. Every label
 * is bounded: outcomes and reply classes are enums, reply codes are 200..599, recipient domains
 * go through {@link DomainGroups}, pools are summed over destinations and throttles are labelled
 * by the configured policy names. Names use Micrometer's dots; Prometheus shows
 * {@code mailstream.messages} as {@code mailstream_messages_total}.
 */
public final class DispatcherMetrics implements AutoCloseable {
    public static final String MESSAGES = "mailstream.messages";
    public static final String SMTP_REPLIES = "mailstream.smtp.replies";
    public static final String SMTP_TRANSACTION = "mailstream.smtp.transaction";
    public static final String BUFFERED = "mailstream.dispatcher.buffered.records";
    public static final String HELD = "mailstream.dispatcher.held.records";
    public static final String SKIPPED_AS_DONE = "mailstream.dispatcher.skipped.already.delivered";
    public static final String SKIPPED_AS_DUPLICATE = "mailstream.dispatcher.skipped.duplicate";
    public static final String DEAD_LETTERS = "mailstream.dispatcher.dead.letters";
    public static final String WORKER_ERRORS = "mailstream.dispatcher.worker.errors";
    public static final String DEAD_WORKERS = "mailstream.dispatcher.dead.workers";
    public static final String POOL_CONNECTIONS = "mailstream.smtp.pool.connections";
    public static final String POOL_MAX = "mailstream.smtp.pool.connections.max";
    public static final String THROTTLE_RATE = "mailstream.throttle.rate";
    public static final String THROTTLE_CAP = "mailstream.throttle.rate.cap";
    public static final String THROTTLE_SUSPENDED = "mailstream.throttle.suspended";

    private final MeterRegistry registry;
    private final DomainGroups groups;
    private final boolean exposed;
    private final LaneMetrics lanes;
    private final DestinationGauges destinations;
    private KafkaClientMetrics consumerMetrics;
    /** Function counters hold their object weakly: a method reference nobody else holds would be collected and read NaN. */
    private final java.util.List<Object> strong = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DispatcherMetrics(MeterRegistry registry, DomainGroups groups) {
        this(registry, groups, true);
    }

    private DispatcherMetrics(MeterRegistry registry, DomainGroups groups, boolean exposed) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.exposed = exposed;
        this.lanes = new LaneMetrics(registry);
        this.destinations = new DestinationGauges(registry, DestinationGauges.DEFAULT_LIMIT);
    }

    /** Meters that go nowhere: for code paths (tests, benches) that do not expose metrics. */
    public static DispatcherMetrics none() {
        return new DispatcherMetrics(new CompositeMeterRegistry(), new DomainGroups(0), false);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Wraps the transport every worker sends through, to time transactions and count replies. */
    public MailTransport instrument(MailTransport transport) {
        return new MeteredTransport(transport, registry, groups);
    }

    /** Counts every acknowledged delivery event by outcome and the recipient's domain group. */
    public OutcomeListener outcomes() {
        return this::count;
    }

    private void count(DeliveryEvent event) {
        Counter.builder(MESSAGES)
                .description("Delivery events written, by outcome (one per attempt; terminal outcomes once per message)")
                .tag("outcome", event.getOutcome().name().toLowerCase(Locale.ROOT))
                .tag("domain_group", groups.ofAddress(event.getRecipient()))
                .register(registry)
                .increment();
    }

    /** Per-lane, per-tenant and per-priority counters and the accept-to-reply latency histogram ({@link LaneMetrics}). */
    public LaneMetrics lanes() {
        return lanes;
    }

    /** Gauges of the consume loop's memory: records buffered (queued or in delivery) and held for paused campaigns. */
    public void bindBuffers(IntSupplier buffered, IntSupplier held, LongSupplier skippedAsAlreadyDelivered) {
        Gauge.builder(BUFFERED, buffered::getAsInt).description("Records in memory: queued, in delivery or held")
                .register(registry);
        Gauge.builder(HELD, held::getAsInt).description("Records held because their campaign is paused")
                .register(registry);
        FunctionCounter.builder(SKIPPED_AS_DONE, skippedAsAlreadyDelivered, s -> (double) s.getAsLong())
                .description("Records skipped because the sent-ledger says they were delivered before a rebalance or crash")
                .register(registry);
        strong.add(skippedAsAlreadyDelivered);
    }

    /** Counter of records completed without SMTP because the sent-ledger keyed by message id had their outcome. */
    public void bindDuplicates(LongSupplier skippedAsDuplicate) {
        FunctionCounter.builder(SKIPPED_AS_DUPLICATE, skippedAsDuplicate, s -> (double) s.getAsLong())
                .description("Records skipped because their message id already has an outcome in the sent-ledger "
                        + "(relaunch, API or producer retry, re-read after a refused write)")
                .register(registry);
        strong.add(skippedAsDuplicate);
    }

    /**
     * Records this dispatcher copied to {@code mail.dead-letter} (mail records and table records), records
     * completed as failed because their delivery worker hit an unexpected throwable, and workers that died.
     */
    public void bindFailures(LongSupplier deadLetters, LongSupplier workerErrors, IntSupplier deadWorkers) {
        FunctionCounter.builder(DEAD_LETTERS, deadLetters, s -> (double) s.getAsLong())
                .description("Records copied to mail.dead-letter: undecodable mail or table records, truncated copies")
                .register(registry);
        FunctionCounter.builder(WORKER_ERRORS, workerErrors, s -> (double) s.getAsLong())
                .description("Records completed as failed (retried or dead-lettered) because their worker hit an unexpected throwable")
                .register(registry);
        Gauge.builder(DEAD_WORKERS, deadWorkers::getAsInt).description("Delivery workers that died (restart the dispatcher)")
                .register(registry);
        strong.add(deadLetters);
        strong.add(workerErrors);
        strong.add(deadWorkers);
    }

    /**
     * Kafka's own client metrics of the group consumer, among them {@code records-lag-max} and
     * {@code assigned-partitions} (as {@code kafka_consumer_fetch_manager_records_lag_max} ...).
     */
    public void bindConsumer(Consumer<?, ?> consumer) {
        if (!exposed) {
            return; // the binder polls the client's metrics on a thread of its own: not for nothing
        }
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
    }

    /** Hook for the connection pool's usage snapshot (open, busy, idle connections, and the maximum). */
    public void bindPool(Supplier<PoolUsage> usage) {
        for (String state : new String[] {"open", "busy", "idle"}) {
            Gauge.builder(POOL_CONNECTIONS, usage, u -> switch (state) {
                        case "open" -> u.get().open();
                        case "busy" -> u.get().busy();
                        default -> u.get().idle();
                    })
                    .description("SMTP connections of the pool, summed over destinations")
                    .tag("state", state)
                    .register(registry);
        }
        Gauge.builder(POOL_MAX, usage, u -> u.get().max()).description("Configured connection maximum over destinations")
                .register(registry);
        strong.add(usage); // the gauges hold it weakly: a lambda only they know would be collected and read NaN
    }

    /**
     * Hook for the throttles' state per traffic policy. The policies are read once, here: they come
     * from configuration, so the set of labels is fixed for the dispatcher's life.
     */
    public void bindThrottles(Supplier<Map<String, ThrottleUsage>> throttles) {
        strong.add(throttles); // as in bindPool: held weakly by the gauges
        for (String policy : throttles.get().keySet()) {
            Gauge.builder(THROTTLE_RATE, throttles, t -> rate(t.get().get(policy), ThrottleUsage::ratePerSecond))
                    .description("Allowed messages per second now, after adaptive backoff").tag("policy", policy)
                    .register(registry);
            Gauge.builder(THROTTLE_CAP, throttles, t -> rate(t.get().get(policy), ThrottleUsage::capPerSecond))
                    .description("The policy's configured messages per second").tag("policy", policy)
                    .register(registry);
            Gauge.builder(THROTTLE_SUSPENDED, throttles, t -> {
                        ThrottleUsage u = t.get().get(policy);
                        return u == null ? Double.NaN : u.suspended() ? 1 : 0;
                    })
                    .description("1 while the policy cools off after slow-down replies").tag("policy", policy)
                    .register(registry);
        }
    }

    /** Per-destination gauges (rate in force, connections, circuit) of the busiest {@link DestinationGauges#DEFAULT_LIMIT}. */
    public DestinationGauges destinations() {
        return destinations;
    }

    /** Day and budgets in force of each configured warm-up schedule ({@link WarmupGauges}). */
    public void bindWarmup(java.util.List<io.mailstream.dispatcher.warmup.WarmupSchedule> schedules, java.time.Clock clock) {
        WarmupGauges.bind(registry, schedules, clock);
    }

    private static double rate(ThrottleUsage u, java.util.function.ToDoubleFunction<ThrottleUsage> f) {
        return u == null ? Double.NaN : f.applyAsDouble(u);
    }

    @Override
    public void close() {
        if (consumerMetrics != null) {
            consumerMetrics.close();
        }
    }
}
