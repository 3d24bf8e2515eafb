package io.mailstream.dispatcher;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Suppression;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.ConsumeLoop;
import io.mailstream.dispatcher.consume.MessageProcessor;
import io.mailstream.dispatcher.follow.CompactedTopicFollower;
import io.mailstream.dispatcher.follow.CorruptTableRecords;
import io.mailstream.dispatcher.ledger.LedgerFeed;
import io.mailstream.dispatcher.ledger.SentLedger;
import io.mailstream.dispatcher.metrics.AssignedPartitions;
import io.mailstream.dispatcher.metrics.DispatcherHealth;
import io.mailstream.dispatcher.metrics.DestinationUsage;
import io.mailstream.dispatcher.metrics.DispatcherMetrics;
import io.mailstream.dispatcher.metrics.DomainGroups;
import io.mailstream.dispatcher.metrics.PoolUsage;
import io.mailstream.dispatcher.metrics.ThrottleUsage;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.PolicyThrottle;
import io.mailstream.dispatcher.policy.PolicyLookup;
import io.mailstream.dispatcher.throttle.KafkaAdaptiveStates;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.ThrottleStates;
import io.mailstream.dispatcher.warmup.KafkaWarmupCounters;
import io.mailstream.dispatcher.warmup.ScheduledWarmup;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.policy.PolicyDestinations;
import io.mailstream.dispatcher.pool.CircuitSettings;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.DestinationStats;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.suppress.SuppressionStore;
import io.mailstream.dispatcher.tls.CertificateCheck;
import io.mailstream.dispatcher.tls.report.CertificateReporting;
import io.mailstream.dispatcher.tls.report.DailyTlsAggregates;
import io.mailstream.dispatcher.tls.report.TlsCountsFlusher;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptReasons;
import io.mailstream.schemas.topics.DeadLetters;
import io.mailstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running dispatcher: follows {@code mail.campaigns} and {@code mail.suppressions}, consumes
 * {@code mail.transactional}, {@code mail.outbound} and the retry topics in its consumer group,
 * fans messages into per-domain queues served by a pool of delivery workers over pooled SMTP
 * connections, and writes one {@code DeliveryEvent} per attempt, committing offsets only once
 * those writes are acknowledged. Owns its threads and clients: {@link #close()} stops and
 * closes them all within the configured grace period.
 *
 * <pre>{@code
 * try (Dispatcher d = Dispatcher.create(config)) {
 *     d.start();          // waits until campaigns and suppressions are loaded
 *     d.awaitTermination();
 * }
 * }</pre>
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long HOUSEKEEPING_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final DispatcherConfig config;
    private final DispatcherClients clients;
    private final MailTransport transport;
    private final Runnable housekeeping;
    private final Optional<SmtpConnectionPool> pool;
    private final Optional<TlsCountsFlusher> tlsCounts;
    private final CampaignCache campaigns = new CampaignCache();
    private final SuppressionStore suppressions;
    private final CompactedTopicFollower<Campaign> campaignFollower;
    private final CompactedTopicFollower<Suppression> suppressionFollower;
    private final ConsumeLoop loop;
    private final SentLedger sentLedger;
    private final Optional<LedgerFeed> ledgerFeed;
    private final Optional<KafkaWarmupCounters> warmupCounters;
    private final Optional<ScheduledWarmup> warmup;
    private final Clock clock;
    private final Optional<KafkaAdaptiveStates> adaptiveStates;
    private final Pacing pacing;
    private final Thread loopThread;
    private final DispatcherMetrics metrics;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final LongAdder tableDeadLetters = new LongAdder();
    private volatile boolean running;
    private volatile Throwable failure;
    private boolean started;
    private boolean closed;

    /**
     * A dispatcher on the given clients and transport. The transport is called by every delivery
     * worker at once, so it must be thread-safe (as {@link DeliveryTransports#create} makes it).
     */
    public Dispatcher(DispatcherConfig config, SchemaRegistry registry, DispatcherClients clients,
                      MailTransport transport, Clock clock) {
        this(config, registry, clients, transport, clock, () -> { }, Optional.empty(), DispatcherMetrics.none(),
                config.pacing().shards(), Optional.empty());
    }

    /** @param shards the shard map in force: the fleet's ({@code mail.shard-map}) or, without one, {@code domain-shards} */
    private Dispatcher(DispatcherConfig config, SchemaRegistry registry, DispatcherClients clients,
                       MailTransport transport, Clock clock, Runnable housekeeping, Optional<SmtpConnectionPool> pool,
                       DispatcherMetrics metrics, DomainShards shards, Optional<TlsCountsFlusher> tlsCounts) {
        this.config = config;
        this.pool = pool;
        this.tlsCounts = tlsCounts;
        this.metrics = metrics;
        this.housekeeping = housekeeping;
        this.clients = clients;
        this.transport = transport;
        this.suppressions = config.suppressions().open(clock);
        this.campaignFollower = new CompactedTopicFollower<>("mailstream-dispatcher-campaigns", Topics.CAMPAIGNS,
                clients.campaigns(), AvroSerde.forValue(Campaign.class, registry), campaigns, clock, config.tableMaxLag(),
                deadLetters(clients, tableDeadLetters), config.unknownSchemas().maxWait());
        this.suppressionFollower = new CompactedTopicFollower<>("mailstream-dispatcher-suppressions", Topics.SUPPRESSIONS,
                clients.suppressions(), AvroSerde.forValue(Suppression.class, registry), suppressions, clock,
                config.tableMaxLag(), deadLetters(clients, tableDeadLetters), config.unknownSchemas().maxWait());
        this.warmupCounters = PacingAssembly.warmupCounters(config, registry, clients.producer(), clock);
        this.adaptiveStates = PacingAssembly.adaptiveStates(config, registry, clients.producer());
        this.clock = clock;
        this.warmup = PacingAssembly.warmup(config, warmupCounters);
        this.pacing = PacingAssembly.pacing(config, warmup, shards, adaptiveStates, clock);
        this.sentLedger = config.sentLedger().open(clock);
        this.ledgerFeed = clients.ledgerFeed().map(c -> new LedgerFeed("mailstream-dispatcher-ledger-" + config.dispatcherId(),
                c, AvroSerde.forValue(DeliveryEvent.class, registry), sentLedger, config.sentLedger().horizon(), clock));
        MessageProcessor processor = new MessageProcessor(campaigns, suppressions,
                new MessageRenderer(config.returnPaths(), config.unsubscribeBaseUrl(), config.tracking(), clock), transport, clock, config.campaignWaitTimeout(), pacing,
                this::tablesCurrent);
        this.loop = new ConsumeLoop(clients.mail(), clients.producer(), registry, processor, clock,
                config.dispatcherId(), config.pollTimeout(), config.engine().engine(),
                RetryPolicy.withMaxAge(config.engine().retryMaxAge()), config.shutdownGracePeriod().dividedBy(2),
                metrics.outcomes(), clients.deliveryEvents(), config.ledger(), sentLedger, config.unknownSchemas(),
                metrics.lanes());
        metrics.bindBuffers(loop::bufferedRecordsSnapshot, loop::heldRecords, loop::skippedAsAlreadyDone);
        metrics.bindDuplicates(loop::skippedAsDuplicate);
        metrics.bindFailures(() -> loop.deadLettered() + tableDeadLetters.sum(), () -> loop.workerFailures().recordsFailed(),
                () -> loop.workerFailures().dead());
        metrics.bindConsumer(clients.mail());
        bindThrottleMetrics(config, metrics);
        warmup.ifPresent(w -> metrics.bindWarmup(w.schedules(), clock));
        this.loopThread = new Thread(this::runLoop, "mailstream-dispatcher-" + config.dispatcherId());
    }

    /** Corrupt table records go to the dead letters with their bytes; a refused write is logged (the record stays on its topic). */
    private static CorruptTableRecords deadLetters(DispatcherClients clients, LongAdder count) {
        return (record, error) -> {
            count.increment();
            clients.producer().send(DeadLetters.of(record, CorruptReasons.of(error), error.getMessage(), error.schemaId()),
                    (ack, e) -> {
                        if (e != null) {
                            log.error("could not dead-letter the table record {}-{}@{}: {}", record.topic(),
                                    record.partition(), record.offset(), e.toString());
                        }
                    });
        };
    }

    /** One gauge set per traffic policy (a fixed, configured label set): cap, rate in force, suspended. */
    private void bindThrottleMetrics(DispatcherConfig config, DispatcherMetrics metrics) {
        List<TrafficPolicy> policies = new ArrayList<>(config.pacing().policies());
        policies.add(config.pacing().defaultPolicy());
        metrics.bindThrottles(() -> {
            Map<String, ThrottleUsage> usage = new LinkedHashMap<>();
            PolicyThrottle.byPolicy(policies, pacing).forEach((name, t) ->
                    usage.put(name, new ThrottleUsage(t.ratePerSecond(), t.capPerSecond(), t.suspended())));
            return usage;
        });
    }

    /** A dispatcher on real Kafka clients, the REST schema registry and pooled SMTP connections to the configured routes. */
    public static Dispatcher create(DispatcherConfig config) {
        return create(config, new RestSchemaRegistryClient(config.schemaRegistry()));
    }

    /** As {@link #create(DispatcherConfig)}, with a given registry client. */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry) {
        return create(config, registry, Clock.systemUTC());
    }

    /** As {@link #create(DispatcherConfig, SchemaRegistry)}, with a given clock (tests move it to make retries due). */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry, Clock clock) {
        PolicyDestinations destinations = policyDestinations(config);
        return create(config, registry, clock, destinations, destinations, DispatcherMetrics.none());
    }

    /**
     * As {@link #create(DispatcherConfig, SchemaRegistry, Clock)}, with connections per destination
     * decided by {@code limits} instead of the traffic policies and {@code pool.max-connections}.
     */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry, Clock clock, ConnectionLimits limits) {
        return create(config, registry, clock, limits, policyDestinations(config), DispatcherMetrics.none());
    }

    /** As {@link #create(DispatcherConfig, SchemaRegistry, Clock)}, registering the dispatcher's meters in {@code meters}. */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry, Clock clock, MeterRegistry meters) {
        PolicyDestinations destinations = policyDestinations(config);
        return create(config, registry, clock, destinations, destinations,
                new DispatcherMetrics(meters, new DomainGroups(DomainGroups.DEFAULT_LIMIT)));
    }

    /** Bulkhead sizes and breaker settings per destination: MX-suffix traffic policies override the pool's for their hosts. */
    private static PolicyDestinations policyDestinations(DispatcherConfig config) {
        return new PolicyDestinations(config.pacing().policies(), config.engine().pool().maxConnections(),
                config.delivery().circuit());
    }

    private static Dispatcher create(DispatcherConfig config, SchemaRegistry registry, Clock clock, ConnectionLimits limits,
                                     CircuitSettings circuits, DispatcherMetrics metrics) {
        io.mailstream.dispatcher.sending.EhloNameCheck.startInBackground(config.delivery().sendingPools(), config.smtp().ehloName(),
                () -> new io.mailstream.dispatcher.sending.DnsPtrLookup(config.delivery().routes().dns()));
        // TLS-RPT counts sessions to MTA-STS domains, which only DIRECT_MX mode talks to
        Optional<DailyTlsAggregates> tlsSessions = config.tlsRpt().enabled()
                && config.delivery().routes().mode() == DeliveryMode.DIRECT_MX ? Optional.of(new DailyTlsAggregates(clock)) : Optional.empty();
        if (config.tlsRpt().enabled() && tlsSessions.isEmpty()) {
            log.warn("tls-rpt.enabled has no effect in {} mode: TLS-RPT counts sessions to recipient domains' MX hosts"
                    + " (DIRECT_MX) only", config.delivery().routes().mode());
        }
        Optional<CertificateReporting> reporting = tlsSessions.map(a -> new CertificateReporting(
                config.delivery().routes().mtaSts().trustedCa().map(pem -> CertificateCheck.trusting(pem, clock))
                        .orElseGet(() -> CertificateCheck.jdkDefault(clock)), a));
        DomainShards shards = PacingAssembly.fleetShards(config, registry);
        DeliveryTransports.DeliveryPath path = DeliveryTransports.create(config.delivery(), config.smtp(),
                config.engine().pool(), limits, circuits, reporting, clock);
        SmtpConnectionPool pool = path.pool();
        metrics.bindPool(() -> PoolUsage.sum(pool.stats()));
        DispatcherClients clients = DispatcherClients.kafka(config);
        Optional<TlsCountsFlusher> flusher = tlsSessions.map(a -> new TlsCountsFlusher(a, clients.producer(), registry,
                config.dispatcherId(), config.tlsRpt().flushInterval(), clock));
        Runnable housekeeping = () -> {
            pool.evictIdle();
            flusher.ifPresent(TlsCountsFlusher::maybeFlush);
        };
        return new Dispatcher(config, registry, clients, metrics.instrument(path.transport()), clock,
                housekeeping, Optional.of(pool), metrics, shards, flusher);
    }

    /**
     * Open, busy and idle connections and the circuit state per destination, for metrics; empty
     * for a dispatcher built on a transport of its caller.
     */
    public List<DestinationStats> connectionStats() {
        return pool.map(SmtpConnectionPool::stats).orElse(List.of());
    }

    /**
     * Loads the campaign and suppression tables and brings the sent-ledger up to the end of
     * {@code mail.delivery-events} (each bounded by {@code startup.catch-up-timeout}), then starts consuming. Throws if the tables cannot be loaded; the dispatcher is then closed.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("dispatcher " + config.dispatcherId() + " was already started");
        }
        started = true;
        try {
            campaignFollower.start();
            suppressionFollower.start();
            ledgerFeed.ifPresent(LedgerFeed::start);
            campaignFollower.awaitCaughtUp(config.startupCatchUpTimeout());
            suppressionFollower.awaitCaughtUp(config.startupCatchUpTimeout());
            ledgerFeed.ifPresent(f -> f.awaitCaughtUp(config.startupCatchUpTimeout()));
            warmupCounters.ifPresent(w -> w.start(config.startupCatchUpTimeout()));
            adaptiveStates.ifPresent(a -> a.start(config.startupCatchUpTimeout()));
            loop.subscribe();
        } catch (RuntimeException e) {
            closeFollowersAndClients();
            terminated.countDown();
            throw e;
        }
        running = true;
        loopThread.start();
        log.info("dispatcher {} started: group {}, SMTP route {}", config.dispatcherId(), config.groupId(),
                config.smtp().route());
    }

    private void runLoop() {
        try {
            long lastHousekeeping = System.nanoTime();
            while (running) {
                loop.pollOnce();
                if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING_INTERVAL_NANOS) {
                    housekeeping.run();
                    // per-destination series come and go: refreshed here, not per scrape, so a scrape stays cheap
                    metrics.destinations().refresh(DestinationUsage.collect(connectionStats(), pacing.snapshot()));
                    // on the loop's thread: only it may ask the consumer which partitions it owns, and only their owner may lend them
                    warmup.ifPresent(w -> w.lendIdle(loop.ownedMailPartitions(), clock.instant()));
                    lastHousekeeping = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
            log.error("dispatcher {} stopped on an unexpected error", config.dispatcherId(), e);
        } finally {
            running = false;
            Duration grace = config.shutdownGracePeriod();
            Thread.interrupted(); // let the shutdown's own waits work
            loop.shutdown(grace.dividedBy(2));
            // the last TLS-RPT counts leave with the producer's close
            tlsCounts.ifPresent(f -> closeQuietly("TLS-RPT counts", f::flush));
            closeQuietly("mail consumer", () -> clients.mail().close(grace.dividedBy(4)));
            closeQuietly("producer", () -> clients.producer().close(grace.dividedBy(4)));
            closeEventsReader();
            closeQuietly("SMTP connection", transport::close);
            closeLedger();
            terminated.countDown();
        }
    }

    /** Whether both tables hold everything written up to {@code tables.max-lag} ago; while not, no mail is sent. */
    public boolean tablesCurrent() {
        return campaignFollower.isCurrent() && suppressionFollower.isCurrent();
    }

    /** True while the consume loop runs. */
    public boolean isRunning() {
        return running;
    }

    /** Why the loop stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Blocks until the loop has stopped (after {@link #close()} or on a fatal error). */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The campaigns known to this dispatcher (for health checks and tests). */
    public CampaignCache campaigns() {
        return campaigns;
    }

    /** What the adaptive throttle is doing now, per destination (for metrics and operators). */
    public ThrottleStates throttleStates() {
        return pacing;
    }

    /** Which traffic policy applies to a domain (the connection side reads connection and breaker limits from it). */
    public PolicyLookup policies() {
        return pacing.policies();
    }

    public SuppressionStore suppressions() {
        return suppressions;
    }

    /** Liveness and readiness for the ops endpoint; safe to ask from any thread. */
    public DispatcherHealth health() {
        return new DispatcherHealth(this::isRunning, () -> failure != null, campaignFollower::isCurrent,
                suppressionFollower::isCurrent, new AssignedPartitions(clients.mail()),
                () -> lagDetail(campaignFollower), () -> lagDetail(suppressionFollower),
                () -> ledgerFeed.map(LedgerFeed::isCurrent).orElse(true), new DispatcherHealth.Workers() {
                    @Override
                    public int dead() {
                        return loop.workerFailures().dead();
                    }

                    @Override
                    public long recordsFailed() {
                        return loop.workerFailures().recordsFailed();
                    }

                    @Override
                    public String lastFailure() {
                        return loop.workerFailures().last().orElse("");
                    }
                });
    }

    private static String lagDetail(CompactedTopicFollower<?> follower) {
        if (follower.failure().isPresent()) {
            return "dead: " + follower.failure().get();
        }
        return follower.lag().map(d -> d.toMillis() + " ms").orElse("loading");
    }

    /** The dispatcher's meters, to which the pool and throttle hooks are bound. */
    public DispatcherMetrics metrics() {
        return metrics;
    }

    /**
     * Stops polling, lets the message in hand finish, flushes and commits what is durable, and
     * closes every client, within {@code shutdown.grace-period} (plus a little to close followers).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        running = false;
        loop.requestStop();
        if (loopThread.isAlive()) {
            try {
                if (!loopThread.isAlive() || !awaitTermination(config.shutdownGracePeriod())) {
                    log.warn("dispatcher {} did not stop within {}", config.dispatcherId(), config.shutdownGracePeriod());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (!started) {
            closeQuietly("mail consumer", () -> clients.mail().close(Duration.ZERO));
            closeQuietly("producer", () -> clients.producer().close(Duration.ZERO));
            closeEventsReader();
            closeQuietly("SMTP connection", transport::close);
            closeLedger();
        }
        campaignFollower.close(Duration.ofSeconds(5));
        suppressionFollower.close(Duration.ofSeconds(5));
        closeQuietly("suppression store", suppressions::close);
        warmupCounters.ifPresent(KafkaWarmupCounters::close);
        adaptiveStates.ifPresent(KafkaAdaptiveStates::close);
        metrics.close();
        terminated.countDown();
        log.info("dispatcher {} stopped", config.dispatcherId());
    }

    private void closeFollowersAndClients() {
        campaignFollower.close(Duration.ofSeconds(5));
        suppressionFollower.close(Duration.ofSeconds(5));
        closeQuietly("suppression store", suppressions::close);
        warmupCounters.ifPresent(KafkaWarmupCounters::close);
        adaptiveStates.ifPresent(KafkaAdaptiveStates::close);
        closeQuietly("mail consumer", () -> clients.mail().close(Duration.ZERO));
        closeQuietly("producer", () -> clients.producer().close(Duration.ZERO));
        closeEventsReader();
        closeQuietly("SMTP connection", transport::close);
        closeLedger();
    }

    /** After the workers and the producer: nothing checks or records after this. */
    private void closeLedger() {
        ledgerFeed.ifPresent(f -> closeQuietly("sent-ledger feed", () -> f.close(Duration.ofSeconds(5))));
        closeQuietly("sent-ledger store", sentLedger::close);
    }

    private void closeEventsReader() {
        clients.deliveryEvents().ifPresent(c -> closeQuietly("delivery events reader", () -> c.close(Duration.ZERO)));
    }

    private static void closeQuietly(String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            log.warn("closing the {} failed: {}", what, e.toString());
        }
    }
}
