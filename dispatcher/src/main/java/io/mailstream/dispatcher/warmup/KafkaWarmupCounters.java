package io.mailstream.dispatcher.warmup;

import io.mailstream.avro.WarmupCounter;
import io.mailstream.dispatcher.follow.CompactedTopicFollower;
import io.mailstream.dispatcher.follow.TableUpdates;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
 * Warm-up counters in the compacted {@code mail.warmup-counters} topic: every update is written
 * (keyed {@code <schedule>|<day>|<partition>}), and the whole topic is followed, so a restarted
 * dispatcher, or the next owner of a partition, continues from the last count instead of from zero.
 * Writes are asynchronous: a crash can forget the last few counts (those in the producer's buffer),
 * never more. {@link #start} blocks until the topic is read to its end.
 */
public final class KafkaWarmupCounters implements WarmupCounterStore, TableUpdates<WarmupCounter>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaWarmupCounters.class);

    private final Map<String, WarmupCount> table = new ConcurrentHashMap<>();
    private final CompactedTopicFollower<WarmupCounter> follower;
    private final Producer<byte[], byte[]> producer;
    private final AvroSerializer<WarmupCounter> serializer;
    private final Clock clock;

    public KafkaWarmupCounters(String threadName, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
                               SchemaRegistry registry, Clock clock) {
        this.follower = new CompactedTopicFollower<>(threadName, Topics.WARMUP_COUNTERS, consumer,
                AvroSerde.forValue(WarmupCounter.class, registry), this);
        this.producer = producer;
        this.serializer = new AvroSerializer<>(registry, SpecificData.get().getSchema(WarmupCounter.class), false);
        this.clock = clock;
    }

    /** Registers the schema, reads the topic to its end (bounded by {@code timeout}) and keeps following it. */
    public void start(Duration timeout) {
        serializer.schemaIdFor(Topics.WARMUP_COUNTERS);
        follower.start();
        follower.awaitCaughtUp(timeout);
    }

    @Override
    public Optional<WarmupCount> get(WarmupKey key) {
        return Optional.ofNullable(table.get(key.asString()));
    }

    @Override
    public void put(WarmupKey key, WarmupCount count) {
        String k = key.asString();
        table.merge(k, count, WarmupCount::max);
        WarmupCounter value = WarmupCounter.newBuilder().setSchedule(key.schedule()).setDay(key.day().toString())
                .setPartition(key.partition()).setSentToday(count.sentToday()).setHour(count.hour())
                .setSentThisHour(count.sentThisHour()).setUpdatedAt(clock.instant())
                .setLent(count.lent().isEmpty() ? null : count.lent().entrySet().stream().collect(
                        java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue)))
                .setWaitingAt(count.waitingAt().orElse(null))
                .setLoanHour(count.loanHour()).setLentThisHour(count.lentThisHour().isEmpty() ? null : byPartitionName(count.lentThisHour()))
                .build();
        try {
            producer.send(new ProducerRecord<>(Topics.WARMUP_COUNTERS, k.getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(Topics.WARMUP_COUNTERS, value)), (md, e) -> {
                        if (e != null) {
                            log.warn("could not record warm-up count {} = {}: {}", k, count.sentToday(), e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            // e.g. the producer is closed during shutdown: the count stays in memory; the next owner may under-count by it
            log.warn("could not record warm-up count {} = {}: {}", k, count.sentToday(), e.toString());
        }
    }

    @Override
    public void upsert(String key, WarmupCounter value) {
        try {
            LocalDate.parse(value.getDay());
        } catch (DateTimeParseException e) {
            log.warn("ignoring warm-up counter {} with a bad day '{}'", key, value.getDay());
            return;
        }
        Map<Integer, Long> lent = byPartition(key, value.getLent());
        Map<Integer, Long> lentThisHour = byPartition(key, value.getLentThisHour());
        table.merge(key, new WarmupCount(value.getSentToday(), value.getHour(), value.getSentThisHour(), lent,
                Optional.ofNullable(value.getWaitingAt()), value.getLoanHour(), lentThisHour), WarmupCount::max);
    }

    private static Map<String, Long> byPartitionName(Map<Integer, Long> loans) {
        return loans.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> String.valueOf(e.getKey()), Map.Entry::getValue));
    }

    private static Map<Integer, Long> byPartition(String key, Map<String, Long> loans) {
        Map<Integer, Long> out = new java.util.HashMap<>();
        if (loans != null) {
            for (Map.Entry<String, Long> loan : loans.entrySet()) {
                try {
                    out.put(Integer.parseInt(loan.getKey()), loan.getValue());
                } catch (NumberFormatException e) {
                    log.warn("ignoring a loan of warm-up counter {} to '{}': not a partition number", key, loan.getKey());
                }
            }
        }
        return out;
    }

    @Override
    public void remove(String key) {
        table.remove(key);
    }

    @Override
    public void close() {
        follower.close();
    }
}
