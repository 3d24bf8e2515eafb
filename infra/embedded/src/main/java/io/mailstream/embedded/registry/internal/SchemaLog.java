package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.SchemaRegistryException;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.TopicSpec;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code _schemas} topic as the registry's log: one partition, compacted, the source of truth.
 * Appends wait for acks=all; reads return whatever was appended since the previous read, up to the
 * end offset at the time of the call. Not thread-safe: the registry serialises access.
 */
public final class SchemaLog implements AutoCloseable {
    /** Confluent's layout: a single partition, so that the log has one order. */
    public static final TopicSpec SPEC = new TopicSpec(Topics.SCHEMAS, 1, TopicSpec.CleanupPolicy.COMPACT, Optional.empty());
    private static final TopicPartition PARTITION = new TopicPartition(Topics.SCHEMAS, 0);

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Duration timeout;

    public SchemaLog(KafkaConnection kafka, Duration timeout) {
        this.timeout = timeout;
        try (TopicProvisioner provisioner = TopicProvisioner.forCluster(kafka)) {
            provisioner.provision(List.of(SPEC)).requireNoMismatches();
        }
        this.producer = new KafkaProducer<>(kafka.merge(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "mailstream-schema-registry-writer",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(kafka.merge(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-schema-registry-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a write is answered only once read back: do not let an idle fetch hold it up
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20)), new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
    }

    /** Appends a record and returns its offset once every in-sync replica has it. */
    public long append(String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(Topics.SCHEMAS, 0, key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (ExecutionException e) {
            throw SchemaRegistryException.storeFailure("writing to " + Topics.SCHEMAS, e.getCause());
        } catch (TimeoutException e) {
            throw SchemaRegistryException.storeFailure("writing to " + Topics.SCHEMAS, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SchemaRegistryException.storeFailure("writing to " + Topics.SCHEMAS, e);
        }
    }

    /** Records appended since the last call (by anyone), up to the current end of the log. */
    public List<ConsumerRecord<String, String>> readToEnd() {
        long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(PARTITION, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw SchemaRegistryException.storeFailure("reading " + Topics.SCHEMAS,
                        new TimeoutException("did not reach offset " + end + " within " + timeout));
            }
            consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
