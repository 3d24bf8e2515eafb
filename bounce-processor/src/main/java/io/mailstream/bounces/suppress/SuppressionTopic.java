package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code mail.suppressions} topic as a table for tools: writes a record or a
 * tombstone (acknowledged before returning) and reads the whole table up to the current end.
 * Keys are {@link EmailAddress#normalized()}, as the topology and the dispatchers use them.
 */
public final class SuppressionTopic {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionTopic.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final AvroSerde<Suppression> serde;

    public SuppressionTopic(String bootstrapServers, AvroSerde<Suppression> serde) {
        this(KafkaConnection.plaintext(bootstrapServers), serde);
    }

    public SuppressionTopic(KafkaConnection kafka, AvroSerde<Suppression> serde) {
        this.kafka = kafka;
        this.serde = serde;
    }

    /** Writes {@code s} under its normalised address. */
    public void put(Suppression s) {
        send(EmailAddress.parse(s.getAddress()).normalized(), serde.serializer().serialize(Topics.SUPPRESSIONS, s));
    }

    /** Writes a tombstone: the address may be mailed again. */
    public void remove(EmailAddress address) {
        send(address.normalized(), null);
    }

    /** Every suppression currently in the table (latest value per key, tombstoned keys left out), by address. */
    public Map<String, Suppression> snapshot() {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-suppress-cli");
        Map<String, Suppression> table = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.SUPPRESSIONS, TIMEOUT).stream()
                    .map(i -> new TopicPartition(Topics.SUPPRESSIONS, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
            while (parts.stream().anyMatch(tp -> c.position(tp, TIMEOUT) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    apply(table, r);
                }
            }
        }
        return table;
    }

    private void apply(Map<String, Suppression> table, ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            table.remove(r.key());
            return;
        }
        try {
            table.put(r.key(), serde.decode(r));
        } catch (CorruptRecordException e) {
            LOG.warn("Skipping corrupt suppression record: {}", e.getMessage());
        }
    }

    private void send(String key, byte[] value) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailstream-suppress-cli");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.merge(p), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, key, value)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuppressionTopicException(key, e);
        } catch (ExecutionException e) {
            throw new SuppressionTopicException(key, e.getCause());
        } catch (TimeoutException e) {
            throw new SuppressionTopicException(key, e);
        }
    }
}
