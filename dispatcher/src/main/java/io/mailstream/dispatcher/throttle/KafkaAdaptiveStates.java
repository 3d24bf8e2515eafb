package io.mailstream.dispatcher.throttle;

import io.mailstream.avro.AdaptiveState;
import io.mailstream.avro.HourBucket;
import io.mailstream.avro.HourWindow;
import java.time.Instant;
import java.util.TreeMap;
import io.mailstream.dispatcher.follow.CompactedTopicFollower;
import io.mailstream.dispatcher.follow.TableUpdates;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive rates in the compacted {@code mail.throttle-state}: every change is written (keyed
 * {@code <policy>|<target>}) and the whole topic is followed, so every dispatcher sees the newest
 * state of each destination. Writes are asynchronous: a crash can forget the last change (then the
 * next 421 cuts the rate again). {@link #start} blocks until the topic is read to its end.
 */
public final class KafkaAdaptiveStates implements AdaptiveStateStore, TableUpdates<AdaptiveState>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaAdaptiveStates.class);

    private final Map<String, SavedRate> table = new ConcurrentHashMap<>();
    private final Map<String, HourReport> hours = new ConcurrentHashMap<>();
    private final CompactedTopicFollower<AdaptiveState> follower;
    private final Producer<byte[], byte[]> producer;
    private final AvroSerializer<AdaptiveState> serializer;

    public KafkaAdaptiveStates(String threadName, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                               SchemaRegistry registry) {
        this.follower = new CompactedTopicFollower<>(threadName, Topics.THROTTLE_STATE, consumer,
                AvroSerde.forValue(AdaptiveState.class, registry), this);
        this.producer = producer;
        this.serializer = new AvroSerializer<>(registry, SpecificData.get().getSchema(AdaptiveState.class), false);
    }

    /** Registers the schema, reads the topic to its end (bounded by {@code timeout}) and keeps following it. */
    public void start(Duration timeout) {
        serializer.schemaIdFor(Topics.THROTTLE_STATE);
        follower.start();
        follower.awaitCaughtUp(timeout);
    }

    @Override
    public Optional<SavedRate> get(String key) {
        return Optional.ofNullable(table.get(key));
    }

    @Override
    public void put(String key, String policy, String target, SavedRate rate) {
        merge(key, rate);
        AdaptiveState value = AdaptiveState.newBuilder().setPolicy(policy).setTarget(target).setFactor(rate.factor())
                .setSuspendedUntil(rate.suspendedUntil()).setUpdatedAt(rate.updatedAt()).build();
        send(key, value);
    }

    @Override
    public Optional<HourReport> hourReport(String key) {
        return Optional.ofNullable(hours.get(key));
    }

    @Override
    public void putHourReport(String key, String policy, String routingKey, HourReport report) {
        mergeHour(key, report);
        HourWindow window = HourWindow.newBuilder().setOwner(report.owner()).setBuckets(report.permits().entrySet().stream()
                .map(e -> HourBucket.newBuilder().setGrantedBy(e.getKey()).setCount(e.getValue()).build()).toList()).build();
        // factor 1.0 and no suspension: a reader that knows only adaptive rates sees a destination at full speed
        send(key, AdaptiveState.newBuilder().setPolicy(policy).setTarget(routingKey).setFactor(1.0)
                .setSuspendedUntil(Instant.EPOCH).setUpdatedAt(report.reportedAt()).setHourWindow(window).build());
    }

    private void mergeHour(String key, HourReport report) {
        hours.merge(key, report, (a, b) -> b.reportedAt().isBefore(a.reportedAt()) ? a : b);
    }

    private void send(String key, AdaptiveState value) {
        try {
            producer.send(new ProducerRecord<>(Topics.THROTTLE_STATE, key.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(Topics.THROTTLE_STATE, value)), (md, e) -> {
                        if (e != null) {
                            log.warn("could not record the throttle state of {}: {}", key, e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("could not record the throttle state of {}: {}", key, e.toString());
        }
    }

    private void merge(String key, SavedRate rate) {
        table.merge(key, rate, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
    }

    @Override
    public void upsert(String key, AdaptiveState value) {
        if (value.getHourWindow() != null) {
            Map<Instant, Integer> permits = new TreeMap<>();
            value.getHourWindow().getBuckets().forEach(b -> permits.merge(b.getGrantedBy(), b.getCount(), Integer::sum));
            try {
                mergeHour(key, new HourReport(value.getHourWindow().getOwner(), value.getUpdatedAt(), permits));
            } catch (IllegalArgumentException e) {
                log.warn("ignoring hourly window {}: {}", key, e.getMessage());
            }
            return;
        }
        try {
            merge(key, new SavedRate(value.getFactor(), value.getSuspendedUntil(), value.getUpdatedAt()));
        } catch (IllegalArgumentException e) {
            log.warn("ignoring adaptive state {}: {}", key, e.getMessage());
        }
    }

    @Override
    public void remove(String key) {
        table.remove(key);
        hours.remove(key);
    }

    @Override
    public void close() {
        follower.close();
    }
}
