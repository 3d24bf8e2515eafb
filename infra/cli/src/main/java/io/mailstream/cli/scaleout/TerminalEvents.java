package io.mailstream.cli.scaleout;

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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code mail.delivery-events} from the beginning and counts terminal events per message id
 * (every outcome but {@code DEFERRED}), so that a run can check "exactly one terminal event per
 * message" and name the messages that have none or several. One thread only.
 */
public final class TerminalEvents implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;
    private final List<TopicPartition> partitions;
    private final Map<String, Integer> terminalPerMessage = new HashMap<>();
    private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
    private final Map<String, Long> firstEventMillis = new HashMap<>();
    private long corrupt;

    public TerminalEvents(String bootstrapServers, SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "scale-out-terminal-events");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.serde = AvroSerde.forValue(DeliveryEvent.class, registry);
        this.partitions = consumer.partitionsFor(Topics.DELIVERY_EVENTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** One poll; returns how many messages have at least one terminal event so far. */
    public int poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            DeliveryEvent e;
            try {
                e = serde.decode(r);
            } catch (CorruptRecordException ex) {
                corrupt++;
                continue;
            }
            firstEventMillis.merge(e.getMessageId(), r.timestamp(), Math::min);
            if (e.getOutcome() != Outcome.DEFERRED) {
                terminalPerMessage.merge(e.getMessageId(), 1, Integer::sum);
                outcomes.merge(e.getOutcome(), 1L, Long::sum);
            }
        }
        return terminalPerMessage.size();
    }

    /** Polls until the consumer has read everything written before this call. */
    public void readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new ScaleOutException("could not read " + Topics.DELIVERY_EVENTS + " to its end within " + timeout);
            }
            poll(Duration.ofMillis(200));
        }
    }

    public int messagesWithTerminalEvent() {
        return terminalPerMessage.size();
    }

    /** Terminal events per message id (a copy). */
    public Map<String, Integer> terminalPerMessage() {
        return Map.copyOf(terminalPerMessage);
    }

    /**
     * When each message's first event (of any outcome) was written: its record timestamp, set by the
     * dispatcher's producer when it sent the event, in milliseconds since the epoch (a copy). An event
     * sent before a moment is counted as durable then, which, if anything, counts fewer transactions as
     * open at a kill than there were.
     */
    public Map<String, Long> firstEventMillis() {
        return Map.copyOf(firstEventMillis);
    }

    public Map<Outcome, Long> outcomes() {
        return Map.copyOf(outcomes);
    }

    public long corruptRecords() {
        return corrupt;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
