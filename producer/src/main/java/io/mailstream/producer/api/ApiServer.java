package io.mailstream.producer.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mailstream.avro.ShardMap;
import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.Compression;
import io.mailstream.producer.launch.KafkaClients;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.producer.api.status.TransactionalStatusStore;
import io.mailstream.producer.metrics.ApiMetrics;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.sites.ShardMapMismatchException;
import io.mailstream.schemas.sites.ShardMapTopic;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import io.micrometer.core.instrument.MeterRegistry;
import io.mailstream.schemas.sites.SiteResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional mail API ({@code mailstream api}): the JDK's HTTP server on a bounded, named
 * thread pool, a Kafka producer for {@code mail.transactional}, a {@link TransactionalStatusStore} and the
 * {@link KafkaIdempotencyClaims} shared with the other replicas. Owns them and closes them in reverse order.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** Transactional mail is sent one at a time and someone waits for the answer: a short linger. */
    static final ProducerTuning TUNING = new ProducerTuning(64 * 1024, Duration.ofMillis(1), Compression.LZ4,
            16L * 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(15));

    /** Restoring the status and template tables: the status topic holds transactional mail only, so this is short. */
    private static final Duration STATUS_START_TIMEOUT = Duration.ofMinutes(2);

    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final MessagePublisher publisher;
    private final TransactionalStatusStore statuses;
    private final IdempotencyClaims claims;
    private final ApiMetrics metrics;
    private final SiteResolver sites;
    private volatile boolean closed;

    private ApiServer(HttpServer http, ThreadPoolExecutor executor, MessagePublisher publisher, TransactionalStatusStore statuses,
                      IdempotencyClaims claims, ApiMetrics metrics, SiteResolver sites) {
        this.sites = sites;
        this.claims = claims;
        this.metrics = metrics;
        this.http = http;
        this.executor = executor;
        this.publisher = publisher;
        this.statuses = statuses;
    }

    /** Connects to Kafka and the registry, starts following delivery events, then opens the port. */
    public static ApiServer start(ApiConfig config, Clock clock) {
        return start(config, new RegistryTarget.Url(config.registry()).connect(), clock);
    }

    /** As {@link #start(ApiConfig, Clock)}, registering the API's meters in {@code meters}. */
    public static ApiServer start(ApiConfig config, Clock clock, MeterRegistry meters) {
        return start(config, new RegistryTarget.Url(config.registry()).connect(), clock, new ApiMetrics(meters, clock));
    }

    public static ApiServer start(ApiConfig config, SchemaRegistry registry, Clock clock) {
        return start(config, registry, clock, ApiMetrics.none(clock));
    }

    /**
     * The API routes with the fleet's shard map ({@code mail.shard-map}): the map when its own
     * configuration names no shards, its own when no map was applied; a different one is refused
     * at start ({@link ShardMapMismatchException}).
     */
    private static DomainShards fleetShards(ApiConfig config, ClusterConfig cluster, SchemaRegistry registry) {
        try (var consumer = KafkaClients.consumer(cluster, "mailstream-api-shard-map")) {
            return ShardMapTopic.reconcile("the API", config.shards(), ShardMapTopic.readLatest(consumer,
                    AvroSerde.forValue(ShardMap.class, registry).deserializer(), config.publishTimeout().multipliedBy(3)));
        }
    }

    public static ApiServer start(ApiConfig config, SchemaRegistry registry, Clock clock, ApiMetrics metrics) {
        ClusterConfig cluster = new ClusterConfig(config.kafka(), RegistryTarget.instance(registry), TUNING);
        MessagePublisher publisher = metrics.instrument(
                new KafkaMessagePublisher(KafkaClients.producer(cluster, "mailstream-api"), registry));
        TransactionalStatusStore statuses = null;
        ThreadPoolExecutor executor = null;
        KafkaIdempotencyClaims claims = null;
        SiteResolver sites = ApiSiteRouting.of(config.mxLookup(), clock);
        try {
            statuses = TransactionalStatusStore.start(config.kafka(), registry, config.statusStore(), clock, STATUS_START_TIMEOUT);
            executor = executor(config);
            ObjectMapper json = new ObjectMapper();
            claims = new KafkaIdempotencyClaims(KafkaClients.producer(cluster, "mailstream-api-idempotency"),
                    KafkaClients.consumer(cluster, "mailstream-api-idempotency"), config.publishTimeout(),
                    Topics.IDEMPOTENCY_HORIZON, clock).start();
            DomainShards shards = fleetShards(config, cluster, registry);
            TransactionalSender sender = new TransactionalSender(publisher, shards, config.publishTimeout(),
                    config.idempotencyCacheSize(), clock, claims, sites);
            HttpServer http = ServerTls.create(new InetSocketAddress(config.port()), config.tls());
            http.createContext(MessagesHandler.PATH, metrics.instrument(
                    new MessagesHandler(new ApiKeys(config.apiKeys()), sender,
                            new MessageStatuses(statuses, config.idempotencyCacheSize()), new Templates(statuses), json,
                            config.maxBodyBytes())));
            http.setExecutor(executor);
            http.start();
            log.info("transactional API listening on port {} ({}, {} API keys)", http.getAddress().getPort(),
                    config.tls().isPresent() ? "HTTPS" : "plain HTTP", config.apiKeys().size());
            return new ApiServer(http, executor, publisher, statuses, claims, metrics, sites);
        } catch (IOException | RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            if (statuses != null) {
                statuses.close();
            }
            if (claims != null) {
                claims.close();
            }
            publisher.close();
            ApiSiteRouting.close(sites);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on port " + config.port() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static ThreadPoolExecutor executor(ApiConfig config) {
        AtomicInteger n = new AtomicInteger();
        // Bounded queue: under overload new connections are refused by the server rather than
        // piling up requests that would time out anyway.
        return new ThreadPoolExecutor(config.threads(), config.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()),
                r -> {
                    Thread t = new Thread(r, "mailstream-api-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Liveness (not closed) and readiness (listening, following events, producer not failing) for the ops endpoint. */
    public ServiceHealth health() {
        return new ServiceHealth() {
            @Override
            public HealthReport liveness() {
                return HealthReport.of(java.util.Map.of("notClosed", !closed));
            }

            @Override
            public HealthReport readiness() {
                return metrics.readiness(() -> !closed, statuses::isRunning);
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        http.stop(1);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        statuses.close();
        claims.close();
        publisher.close();
        ApiSiteRouting.close(sites);
        log.info("transactional API stopped");
    }
}
