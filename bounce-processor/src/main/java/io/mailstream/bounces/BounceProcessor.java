package io.mailstream.bounces;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.metrics.BounceMetrics;
import io.mailstream.bounces.metrics.BounceProcessorHealth;
import io.mailstream.avro.Suppression;
import io.mailstream.bounces.api.StreamsSuppressionView;
import io.mailstream.bounces.api.SuppressionApi;
import io.mailstream.bounces.suppress.KafkaSuppressionWriter;
import io.mailstream.bounces.receive.BounceReceiver;
import io.mailstream.bounces.receive.KafkaRawBounceSink;
import io.mailstream.bounces.receive.RawBounceProducerSettings;
import io.mailstream.avro.Campaign;
import io.mailstream.bounces.completion.CampaignCompletion;
import io.mailstream.bounces.guard.GuardBrakes;
import io.mailstream.bounces.guard.GuardVerdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.topology.BounceTopology;
import io.mailstream.bounces.topology.TopologyCounters;
import io.mailstream.bounces.topology.internal.RetryTransientProcessingExceptionHandler;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounce-processor service: the SMTP {@link BounceReceiver} writing to
 * {@code mail.bounces.raw} and the Kafka Streams app of {@link BounceTopology} turning bounces and
 * delivery events into {@code mail.suppressions} and campaign statistics, and the HTTP
 * {@link SuppressionApi} over a global table of {@code mail.suppressions} (a second, table-only
 * Streams instance: see {@link BounceTopology#buildSuppressionTable}). Streams starts first so
 * accepted bounces are processed as soon as they land; close stops the receiver first so no
 * bounce is accepted that cannot be stored. {@link CampaignCompletion} writes DONE for campaigns
 * whose every message has a terminal outcome in this instance's campaign-stats store.
 */
public final class BounceProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BounceProcessor.class);

    private final BounceProcessorConfig config;
    private final KafkaStreams streams;
    private final KafkaStreams table;
    private final KafkaRawBounceSink sink;
    private final BounceReceiver receiver;
    private final KafkaSuppressionWriter suppressionWriter;
    private final SuppressionApi api;
    private final TopologyCounters counters;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CampaignCompletion completion;
    private final GuardBrakes brakes;

    private BounceProcessor(BounceProcessorConfig config, Clock clock, MeterRegistry meters) {
        this.config = config;
        BounceMetrics metrics = new BounceMetrics(meters);
        this.counters = new TopologyCounters(metrics);
        metrics.bindCounters(counters);
        SchemaRegistry registry = new RestSchemaRegistryClient(config.schemaRegistry());
        Properties streamsProperties = streamsProperties(config);
        // The builder gets the same settings as the app; a bare StreamsBuilder() parses an empty config of its own.
        StreamsBuilder builder = new StreamsBuilder(
                new org.apache.kafka.streams.TopologyConfig(new StreamsConfig(streamsProperties)));
        this.streams = new KafkaStreams(BounceTopology.build(builder, config.topology(), registry, counters,
                        Optional.of(config.receiver().returnPaths())),
                streamsProperties);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Bounce topology stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        streams.start();
        Properties tableProperties = streamsProperties(config);
        tableProperties.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-table");
        this.table = new KafkaStreams(BounceTopology.buildSuppressionTable(new StreamsBuilder(
                new org.apache.kafka.streams.TopologyConfig(new StreamsConfig(tableProperties))), registry), tableProperties);
        table.start();
        this.sink = new KafkaRawBounceSink(new KafkaProducer<>(producerProperties(config), new StringSerializer(),
                new ByteArraySerializer()), AvroSerde.forValue(RawBounce.class, registry), config.receiver().ackTimeout(),
                config.receiver().maxRecordBytes());
        this.suppressionWriter = new KafkaSuppressionWriter(config.kafka(), config.applicationId() + "-api",
                AvroSerde.forValue(Suppression.class, registry), config.receiver().ackTimeout());
        SuppressionApi startedApi = null;
        BounceReceiver started;
        try {
            startedApi = SuppressionApi.start(config.http(), new StreamsSuppressionView(table), suppressionWriter,
                    Optional.of(new UnsubscribeTokens(config.receiver().returnPaths().keys())), clock);
            started = BounceReceiver.start(config.receiver(), sink, clock, metrics);
        } catch (RuntimeException e) {
            if (startedApi != null) {
                startedApi.close();
            }
            suppressionWriter.close();
            sink.close();
            table.close(config.shutdownTimeout());
            streams.close(config.shutdownTimeout());
            streamsMetrics.close();
            throw e;
        }
        this.api = startedApi;
        this.receiver = started;
        this.completion = new CampaignCompletion(config.kafka(), config.applicationId() + "-completion",
                AvroSerde.forValue(Campaign.class, registry), this::campaignStats, CampaignCompletion.DEFAULT_INTERVAL,
                COMPLETION_TIMEOUT, clock).start();
        this.brakes = new GuardBrakes(config.kafka(), config.applicationId() + "-guard", AvroSerde.forValue(Campaign.class, registry),
                this::guardDecisions, GuardBrakes.DEFAULT_INTERVAL, COMPLETION_TIMEOUT, clock).start();
    }

    /** The campaign guard's decisions in this instance's store (interactive query); empty while it is not queryable. */
    public List<GuardVerdict> guardDecisions() {
        try {
            ReadOnlyKeyValueStore<String, GuardVerdict> store = streams.store(StoreQueryParameters.fromNameAndType(
                    BounceTopology.GUARD_DECISION_STORE, QueryableStoreTypes.keyValueStore()));
            List<GuardVerdict> out = new ArrayList<>();
            try (KeyValueIterator<String, GuardVerdict> all = store.all()) {
                all.forEachRemaining(kv -> out.add(kv.value));
            }
            return out;
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return List.of();
        }
    }

    /** How long one read of mail.campaigns or one DONE write may take before the round is given up. */
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(30);

    /** Starts Kafka Streams and the receiver; returns once the receiver listens. */
    public static BounceProcessor start(BounceProcessorConfig config, Clock clock) {
        return start(config, clock, new CompositeMeterRegistry());
    }

    /** As {@link #start(BounceProcessorConfig, Clock)}, registering the processor's meters in {@code meters}. */
    public static BounceProcessor start(BounceProcessorConfig config, Clock clock, MeterRegistry meters) {
        return new BounceProcessor(config, clock, meters);
    }

    public static BounceProcessor start(BounceProcessorConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** The SMTP port actually bound (useful with port 0). */
    public int smtpPort() {
        return receiver.port();
    }

    /** The HTTP API's port actually bound (useful with port 0). */
    public int httpPort() {
        return api.port();
    }

    public KafkaStreams.State streamsState() {
        return streams.state();
    }

    public TopologyCounters counters() {
        return counters;
    }

    /** Liveness and readiness for the ops endpoint; safe to ask from any thread. */
    public BounceProcessorHealth health() {
        return new BounceProcessorHealth(streams::state, receiver::isListening);
    }

    /**
     * A campaign's statistics from this instance's store (interactive query). Empty if the
     * campaign is unknown here or the store is not queryable yet (rebalancing).
     */
    public Optional<CampaignStats> campaignStats(String campaignId) {
        try {
            ReadOnlyKeyValueStore<String, CampaignStats> store = streams.store(StoreQueryParameters.fromNameAndType(
                    BounceTopology.CAMPAIGN_STATS_STORE, QueryableStoreTypes.keyValueStore()));
            return Optional.ofNullable(store.get(campaignId));
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        brakes.close();
        completion.close();
        receiver.close();
        api.close();
        suppressionWriter.close();
        sink.close();
        table.close(config.shutdownTimeout());
        streams.close(config.shutdownTimeout());
        streamsMetrics.close();
        LOG.info("Bounce processor stopped ({} suppressions written, {} unreadable bounces, {} corrupt records)",
                counters.suppressionsWritten(), counters.unparseableBounces(), counters.corruptRecords());
    }

    /** How often Kafka Streams commits, and so how soon the campaign guard sees new statistics. */
    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);

    /**
     * How long a task waits for each of its empty inputs before processing the others (Kafka Streams'
     * max.task.idle.ms). Per input, not per task: Kafka Streams 4.4 (PartitionGroup.readyToProcess) starts the
     * idle deadline of an empty input only once the inputs before it have reached theirs, so a task with n empty
     * inputs waits up to n times this. The report task has 8 (two input topics and the repartition topics): at
     * 2 s a fresh or rebalanced task sat 16 s before its first record; 250 ms bounds that to about 2 s.
     */
    static final Duration MAX_TASK_IDLE = Duration.ofMillis(250);

    private static Properties streamsProperties(BounceProcessorConfig c) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, c.applicationId());
        p.put(StreamsConfig.STATE_DIR_CONFIG, c.stateDir().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, c.streamThreads());
        // Values are decoded inside the topology (corrupt ones dead-lettered); these cover keys and bugs.
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // a registry outage fails the thread (replaced, the record read again); other processing errors are logged and skipped
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RetryTransientProcessingExceptionHandler.class);
        // The same handler for the global suppression table (Kafka 5.0's default; without it 4.x warns at every start).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // The partition assignor re-reads the Streams settings from the main consumer's configs only.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        // A report is checked against its message's delivery event (a stream-table join behind two
        // repartition topics). When the events' side has nothing buffered yet, the task waits a while for it
        // before judging the report, which spares the pending-reports hold a DSN that overtakes its event's
        // repartitioned record (seen in the demo); the hold, not this wait, keeps such a report from being lost.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, MAX_TASK_IDLE.toMillis());
        // The campaign guard judges the statistics as their store's cache forwards them, at each commit:
        // a second (not the at-least-once default of 30 s) brakes a campaign within seconds of its line.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        return c.kafka().merge(p);
    }

    private static Properties producerProperties(BounceProcessorConfig c) {
        return c.kafka().merge(RawBounceProducerSettings.of(c.applicationId() + "-receiver", c.receiver().ackTimeout(),
                c.receiver().maxRecordBytes()));
    }
}
