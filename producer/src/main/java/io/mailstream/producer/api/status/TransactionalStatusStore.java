package io.mailstream.producer.api.status;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery status of transactional messages and the templates (with their tenants) for the
 * API, kept in Kafka: a {@link StatusTopology} over {@code mail.delivery-events} and
 * {@code mail.campaigns}. What it answers does not depend on campaign volume (campaign events never
 * reach the status topic), survives restarts (the topic is restored into the local store) and is the
 * same on every replica. A status older than {@link StatusStoreConfig#retention()} is not answered,
 * whether or not compaction has removed it yet, so every replica answers alike.
 */
public final class TransactionalStatusStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalStatusStore.class);
    /** How many bytes of delivery events the stream waits for per fetch, at most {@link #STATUS_FETCH_MAX_WAIT}. */
    static final int STATUS_FETCH_MIN_BYTES = 64 * 1024;
    /** The most a delivery event waits at the broker before the status store reads it. */
    static final Duration STATUS_FETCH_MAX_WAIT = Duration.ofMillis(100);

    private final KafkaStreams streams;
    private final AvroSerde<DeliveryEvent> events;
    private final AvroSerde<Campaign> campaigns;
    private final StatusStoreConfig config;
    private final Clock clock;
    private final Optional<Path> temporaryDir;

    private TransactionalStatusStore(KafkaStreams streams, AvroSerde<DeliveryEvent> events, AvroSerde<Campaign> campaigns,
                                     StatusStoreConfig config, Clock clock, Optional<Path> temporaryDir) {
        this.streams = streams;
        this.events = events;
        this.campaigns = campaigns;
        this.config = config;
        this.clock = clock;
        this.temporaryDir = temporaryDir;
    }

    /** Starts following and waits until both tables are restored (at most {@code timeout}). */
    public static TransactionalStatusStore start(KafkaConnection kafka, SchemaRegistry registry, StatusStoreConfig config,
                                                 Clock clock, Duration timeout) {
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        AvroSerde<Campaign> campaigns = AvroSerde.forValue(Campaign.class, registry);
        Optional<Path> temporary = Optional.empty();
        Path stateDir;
        try {
            if (config.stateDir().isPresent()) {
                stateDir = Files.createDirectories(config.stateDir().get());
            } else {
                stateDir = Files.createTempDirectory("mailstream-api-status-");
                temporary = Optional.of(stateDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the status store's folder " + config.stateDir().orElse(null), e);
        }
        KafkaStreams streams = new KafkaStreams(
                StatusTopology.build(new StreamsBuilder(), new TransactionalEvents(events, registry)), properties(kafka, config, stateDir));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("transactional status store failed; GET /v1/messages answers from what it had read", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        TransactionalStatusStore store = new TransactionalStatusStore(streams, events, campaigns, config, clock, temporary);
        // RUNNING comes only once the global tables (statuses, templates) are restored: then GET and POST can answer.
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> settledIn = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR || now.hasCompletedShutdown()) {
                settledIn.compareAndSet(null, now);
                settled.countDown();
            }
        });
        streams.start();
        boolean inTime;
        try {
            inTime = settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new IllegalStateException("interrupted while starting the transactional status store", e);
        }
        if (!inTime || settledIn.get() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            store.close();
            throw new IllegalStateException("the transactional status store did not start within " + timeout
                    + " (state " + state + "); does " + Topics.TRANSACTIONAL_STATUS + " exist? create the topics first "
                    + "(mailstream topics create)");
        }
        return store;
    }

    private static Properties properties(KafkaConnection kafka, StatusStoreConfig config, Path stateDir) {
        Map<String, Object> owned = new java.util.HashMap<>();
        owned.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        owned.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        owned.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        owned.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        owned.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // Statuses are read by someone waiting: forward them promptly rather than in large batches.
        owned.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        owned.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        owned.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // mail.delivery-events is the busiest topic and nearly all of it is campaign mail dropped here: fetched one
        // event at a time (the default), the broker answered a fetch per event and the stream thread ran its loop per
        // event, a tenth of both cores in bench transactional. Batches of up to 64 KiB or 100 ms cost a status
        // at most 100 ms more before GET sees it.
        owned.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG), STATUS_FETCH_MIN_BYTES);
        owned.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), (int) STATUS_FETCH_MAX_WAIT.toMillis());
        // Campaign records are written in transactions (compare-and-set): never read an aborted one.
        owned.put(StreamsConfig.globalConsumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        owned.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return kafka.merge(owned);
    }

    /** True while the store follows its topics. */
    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING;
    }

    /** The latest delivery event of the transactional message {@code messageId}, unless older than the retention. */
    public Optional<DeliveryEvent> latest(String messageId) {
        return read(StatusTopology.STATUS_STORE, messageId)
                .map(bytes -> events.deserializer().deserialize(Topics.TRANSACTIONAL_STATUS, bytes))
                .filter(e -> !e.getTimestamp().plus(config.retention()).isBefore(clock.instant()));
    }

    /** The latest {@code mail.campaigns} record of {@code campaignId} (a template a request may name). */
    public Optional<Campaign> template(String campaignId) {
        return read(StatusTopology.TEMPLATE_STORE, campaignId)
                .map(bytes -> campaigns.deserializer().deserialize(Topics.CAMPAIGNS, bytes));
    }

    private Optional<byte[]> read(String storeName, String key) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            return Optional.ofNullable(store.get(key));
        } catch (InvalidStateStoreException e) {
            throw new StatusUnavailableException(storeName, e);
        }
    }

    @Override
    public void close() {
        // Leave the group: its tasks only forward events (the stores are global), so nothing is lost by a rebalance,
        // while staying in it would leave the departed replica's partitions unforwarded, and a restarted or added
        // replica waiting in REBALANCING, until the coordinator drops the member after its session timeout (45 s).
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(10)));
        temporaryDir.ifPresent(TransactionalStatusStore::deleteQuietly);
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
