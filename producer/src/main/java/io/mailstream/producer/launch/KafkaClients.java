package io.mailstream.producer.launch;

import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The edge where typed configuration becomes Kafka client properties: the user's settings
 * ({@code --kafka-config}: TLS, SASL ...) go under the ones set here. Values are Avro bytes framed
 * by our own serializer, so the clients carry byte arrays.
 */
public final class KafkaClients {
    /** Campaign state changes are transactions with this id plus the campaign id: one writer per campaign at a time. */
    public static final String CAMPAIGN_STATE_TRANSACTIONAL_ID_PREFIX = io.mailstream.schemas.topics.CampaignWriters.TRANSACTIONAL_ID_PREFIX;
    private KafkaClients() {
    }

    public static Properties producerProperties(ClusterConfig cluster, String clientId) {
        ProducerTuning t = cluster.tuning();
        Properties p = new Properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(t.batchSizeBytes()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(t.linger().toMillis()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, t.compression().kafkaName());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(t.bufferMemoryBytes()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(t.maxBlock().toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(t.deliveryTimeout().toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(t.requestTimeout().toMillis()));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return cluster.kafka().merge(p);
    }

    /** A group-less consumer (partitions are assigned by hand) for reading a compacted topic to its end. */
    public static Properties consumerProperties(ClusterConfig cluster, String clientId) {
        ProducerTuning t = cluster.tuning();
        Properties p = new Properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Campaign state changes are transactional (compare-and-set): a fenced writer's aborted record must not count.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(t.maxBlock().toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(t.requestTimeout().toMillis()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return cluster.kafka().merge(p);
    }

    /**
     * A producer whose transactional id belongs to one campaign: {@code initTransactions()} fences every
     * other writer of that campaign's record that has not committed yet (see {@link CampaignStateChanger}).
     */
    public static Producer<String, byte[]> campaignWriter(ClusterConfig cluster, String campaignId) {
        Properties p = producerProperties(cluster, "mailstream-campaign-state");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, io.mailstream.schemas.topics.CampaignWriters.transactionalId(campaignId));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p);
    }

    public static Producer<String, byte[]> producer(ClusterConfig cluster, String clientId) {
        return new KafkaProducer<>(producerProperties(cluster, clientId));
    }

    public static Consumer<String, byte[]> consumer(ClusterConfig cluster, String clientId) {
        return new KafkaConsumer<>(consumerProperties(cluster, clientId));
    }
}
