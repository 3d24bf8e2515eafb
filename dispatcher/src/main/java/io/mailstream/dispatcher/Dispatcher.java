package io.mailstream.dispatcher;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.Suppression;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.ConsumeLoop;
import io.mailstream.dispatcher.consume.MessageProcessor;
import io.mailstream.dispatcher.follow.CompactedTopicFollower;
import io.mailstream.dispatcher.render.MessageRenderer;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.retry.RetryPolicy;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.smtp.SerializedTransport;
import io.mailstream.dispatcher.suppress.SuppressionList;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private final CampaignCache campaigns = new CampaignCache();
    private final SuppressionList suppressions;
    private final CompactedTopicFollower<Campaign> campaignFollower;
    private final CompactedTopicFollower<Suppression> suppressionFollower;
    private final ConsumeLoop loop;
    private final Thread loopThread;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Throwable failure;
    private boolean started;
    private boolean closed;

    /**
     * A dispatcher on the given clients and transport. The transport is called by every delivery
     * worker at once, so it must be thread-safe (as {@link SmtpConnectionPool#toRoute} is).
     */
    public Dispatcher(DispatcherConfig config, SchemaRegistry registry, DispatcherClients clients,
                      MailTransport transport, Clock clock) {
        this(config, registry, clients, transport, clock, () -> { });
    }

    private Dispatcher(DispatcherConfig config, SchemaRegistry registry, DispatcherClients clients,
                       MailTransport transport, Clock clock, Runnable housekeeping) {
        this.config = config;
        this.housekeeping = housekeeping;
        this.clients = clients;
        this.transport = transport;
        this.suppressions = new SuppressionList(clock);
        this.campaignFollower = new CompactedTopicFollower<>("mailstream-dispatcher-campaigns", Topics.CAMPAIGNS,
                clients.campaigns(), AvroSerde.forValue(Campaign.class, registry), campaigns);
        this.suppressionFollower = new CompactedTopicFollower<>("mailstream-dispatcher-suppressions", Topics.SUPPRESSIONS,
                clients.suppressions(), AvroSerde.forValue(Suppression.class, registry), suppressions);
        MessageProcessor processor = new MessageProcessor(campaigns, suppressions,
                new MessageRenderer(config.bounceDomain(), clock), transport, clock, config.campaignWaitTimeout());
        this.loop = new ConsumeLoop(clients.mail(), clients.producer(), registry, processor, clock,
                config.dispatcherId(), config.pollTimeout(), config.engine().engine(),
                RetryPolicy.withMaxAge(config.engine().retryMaxAge()), config.shutdownGracePeriod().dividedBy(2),
                clients.deliveryEvents(), config.ledger());
        this.loopThread = new Thread(this::runLoop, "mailstream-dispatcher-" + config.dispatcherId());
    }

    /** A dispatcher on real Kafka clients, the REST schema registry and a pool of SMTP connections to the configured route. */
    public static Dispatcher create(DispatcherConfig config) {
        return create(config, new RestSchemaRegistryClient(config.schemaRegistry()));
    }

    /** As {@link #create(DispatcherConfig)}, with a given registry client. */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry) {
        return create(config, registry, Clock.systemUTC());
    }

    /** As {@link #create(DispatcherConfig, SchemaRegistry)}, with a given clock (tests move it to make retries due). */
    public static Dispatcher create(DispatcherConfig config, SchemaRegistry registry, Clock clock) {
        if (!config.delivery().isPlainSmartHost()) {
            // Routing, TLS, AUTH or DKIM: the routed transport is not pooled yet, so workers take turns on it.
            MailTransport routed = new SerializedTransport(DeliveryTransports.create(config.delivery(), config.smtp(), clock));
            return new Dispatcher(config, registry, DispatcherClients.kafka(config), routed, clock);
        }
        SmtpSettings smtp = config.smtp();
        SmtpConnectionPool pool = new SmtpConnectionPool(config.engine().pool(),
                route -> new SmtpConnection(new SmtpSettings(route, smtp.ehloName(), smtp.connectTimeout(), smtp.readTimeout())),
                clock);
        return new Dispatcher(config, registry, DispatcherClients.kafka(config), pool.toRoute(smtp.route()), clock,
                pool::evictIdle);
    }

    /**
     * Loads the campaign and suppression tables (bounded by {@code startup.catch-up-timeout}), then
     * starts consuming. Throws if the tables cannot be loaded; the dispatcher is then closed.
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("dispatcher " + config.dispatcherId() + " was already started");
        }
        started = true;
        try {
            campaignFollower.start();
            suppressionFollower.start();
            campaignFollower.awaitCaughtUp(config.startupCatchUpTimeout());
            suppressionFollower.awaitCaughtUp(config.startupCatchUpTimeout());
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
            closeQuietly("mail consumer", () -> clients.mail().close(grace.dividedBy(4)));
            closeQuietly("producer", () -> clients.producer().close(grace.dividedBy(4)));
            closeEventsReader();
            closeQuietly("SMTP connection", transport::close);
            terminated.countDown();
        }
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

    public SuppressionList suppressions() {
        return suppressions;
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
        }
        campaignFollower.close(Duration.ofSeconds(5));
        suppressionFollower.close(Duration.ofSeconds(5));
        terminated.countDown();
        log.info("dispatcher {} stopped", config.dispatcherId());
    }

    private void closeFollowersAndClients() {
        campaignFollower.close(Duration.ofSeconds(5));
        suppressionFollower.close(Duration.ofSeconds(5));
        closeQuietly("mail consumer", () -> clients.mail().close(Duration.ZERO));
        closeQuietly("producer", () -> clients.producer().close(Duration.ZERO));
        closeEventsReader();
        closeQuietly("SMTP connection", transport::close);
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
