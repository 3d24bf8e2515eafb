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
    /** The outcome producer's linger: the most a worker's event waits for other workers' events to share its request. */
    public static final int PRODUCER_LINGER_MS = 5;

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

    /** Bytes the sent-ledger feed lets the broker gather before it answers a fetch ({@link #ledgerFeedConsumer}). */
    public static final int LEDGER_FEED_FETCH_MIN_BYTES = 64 * 1024;
    /** The longest the broker holds a fetch of the sent-ledger feed to gather {@link #LEDGER_FEED_FETCH_MIN_BYTES}. */
    public static final int LEDGER_FEED_FETCH_MAX_WAIT_MS = 200;

    /**
     * The sent-ledger feed's reader of {@code mail.delivery-events}. It reads every event of every
     * dispatcher, and with the default {@code fetch.min.bytes=1} it fetched them a few at a time (one
     * request, one response and one RocksDB write per handful of events: 14 % of the dispatcher's CPU
     * in the delivery bench). Nothing waits on it for safety: this dispatcher's own outcomes are recorded
     * when acknowledged ({@code OutcomePublisher}), and a newly assigned partition reads the previous
     * owner's recent events itself ({@code OutcomesSinceCommit}); the feed covers relaunches and retries of
     * the same message id, which come later than the extra {@value #LEDGER_FEED_FETCH_MAX_WAIT_MS} ms. So
     * the broker gathers up to {@value #LEDGER_FEED_FETCH_MIN_BYTES} bytes per answer. A file's own
     * settings of these two keys win.
     */
    public static Properties ledgerFeedConsumer(DispatcherConfig c) {
        Properties p = tableConsumer(c, "sent-ledger");
        p.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, LEDGER_FEED_FETCH_MIN_BYTES);
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, LEDGER_FEED_FETCH_MAX_WAIT_MS);
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
        // A worker starts no transaction while more than its EventAckWindow of events are unacknowledged, so that a
        // SIGKILL repeats a few transactions per worker, not a linger's worth of accepted mail. The bound counts events,
        // so it holds with any linger; a short one lets several workers' events share a produce request, and every
        // reader of the events topic (the sent-ledger feeds, the stats) then wakes once for them.
        p.put(ProducerConfig.LINGER_MS_CONFIG, PRODUCER_LINGER_MS);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return c.kafka().merge(p);
    }
}
