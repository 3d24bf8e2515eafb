package io.mailstream.dispatcher.config;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The edge where typed configuration becomes Kafka client properties: the user's settings
 * ({@code --kafka-config}: TLS, SASL ...) go under the ones below, which stay the dispatcher's. Keys and values travel as
 * bytes: the dispatcher decodes values itself so that an undecodable record can be dead-lettered
 * with its original bytes instead of failing inside poll().
 */
public final class KafkaClientProperties {
    private KafkaClientProperties() {
    }

    /** The group consumer of the mail topics; offsets are committed by hand, after outcomes are durable. */
    public static Properties mailConsumer(DispatcherConfig c) {
        Properties p = bytesConsumerSettings(c.dispatcherId() + "-mail");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, c.groupId());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, c.maxPollRecords());
        return c.kafka().merge(p);
    }

    /** A group-less consumer that reads a compacted table topic from the beginning. */
    public static Properties tableConsumer(DispatcherConfig c, String name) {
        Properties p = c.kafka().merge(bytesConsumerSettings(c.dispatcherId() + "-" + name));
        // Campaign state changes are written in transactions (compare-and-set): a fenced writer's aborted record must not count.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /**
     * The suppression table's reader: millions of small records are read at a cold start, so it
     * takes them in big polls (each poll is one write to the local store).
     */
    public static Properties suppressionsConsumer(DispatcherConfig c) {
        Properties p = tableConsumer(c, "suppressions");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return p;
    }

    private static Properties bytesConsumerSettings(String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Events, retries and dead letters: acks=all and idempotence, because offsets are committed on these acks. */
    public static Properties producer(DispatcherConfig c) {
        Properties p = new Properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, c.dispatcherId() + "-events");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Workers do not wait for these acks (the commit does), so a longer linger costs commit latency only,
        // and buys fewer, larger produce requests: the broker's per-request cost dominated `bench delivery`.
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c.kafka().merge(p);
    }
}
