package io.mailstream.cli.demo;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code mail.delivery-events} from the beginning and counts, per message, its terminal
 * outcome; a message with more than one terminal event is counted as a duplicate. This is how the
 * demo and the end-to-end tests know a campaign is done and that nothing was lost or sent twice.
 */
public final class DeliveryTally implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryTally.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;
    private final Map<String, Outcome> terminalByMessage = new HashMap<>();
    private final Map<String, DeliveryEvent> lastEventByMessage = new HashMap<>();
    private final Map<Outcome, Integer> terminalCounts = new EnumMap<>(Outcome.class);
    private int deferredEvents;
    private int duplicateTerminalEvents;
    private int corruptEvents;
    private final AtomicBoolean closed = new AtomicBoolean();

    public DeliveryTally(String bootstrapServers, SchemaRegistry registry) {
        this(KafkaConnection.plaintext(bootstrapServers), registry, new Properties());
    }

    /** A tally reading as the client {@code kafka} describes (e.g. the secured stack's admin). */
    public DeliveryTally(KafkaConnection kafka, SchemaRegistry registry) {
        this(kafka, registry, new Properties());
    }

    /**
     * A tally whose fetches wait up to {@code batchWait} for a batch instead of returning each new
     * event at once: fewer fetch requests for the broker to serve, for a reader (the delivery
     * benchmark) that shares the process's CPU with what it measures.
     */
    public static DeliveryTally batched(String bootstrapServers, SchemaRegistry registry, Duration batchWait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(batchWait.toMillis()));
        return new DeliveryTally(KafkaConnection.plaintext(bootstrapServers), registry, p);
    }

    private DeliveryTally(KafkaConnection kafka, SchemaRegistry registry, Properties overrides) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.putAll(overrides);
        this.consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer());
        this.serde = AvroSerde.forValue(DeliveryEvent.class, registry);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_EVENTS, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived so far (one poll). Not thread-safe: call from one thread. */
    public synchronized void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            DeliveryEvent e;
            try {
                e = serde.decode(r);
            } catch (CorruptRecordException ex) {
                corruptEvents++;
                log.warn("{}", ex.getMessage());
                continue;
            }
            record(e);
        }
    }

    private void record(DeliveryEvent e) {
        lastEventByMessage.put(e.getMessageId(), e);
        if (e.getOutcome() == Outcome.DEFERRED) {
            deferredEvents++;
            return;
        }
        Outcome previous = terminalByMessage.putIfAbsent(e.getMessageId(), e.getOutcome());
        if (previous != null) {
            duplicateTerminalEvents++;
            return;
        }
        terminalCounts.merge(e.getOutcome(), 1, Integer::sum);
    }

    /** Polls until {@code expected} messages have a terminal outcome or the timeout passes. */
    public boolean awaitTerminal(long expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (terminalMessages() < expected) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            poll(Duration.ofMillis(200));
        }
        return true;
    }

    public synchronized int terminalMessages() {
        return terminalByMessage.size();
    }

    public synchronized int count(Outcome outcome) {
        return terminalCounts.getOrDefault(outcome, 0);
    }

    public synchronized int deferredEvents() {
        return deferredEvents;
    }

    public synchronized int duplicateTerminalEvents() {
        return duplicateTerminalEvents;
    }

    public synchronized int corruptEvents() {
        return corruptEvents;
    }

    public synchronized Map<String, Outcome> terminalOutcomes() {
        return Map.copyOf(terminalByMessage);
    }

    public synchronized Map<String, DeliveryEvent> lastEvents() {
        return Map.copyOf(lastEventByMessage);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
