package io.mailstream.cli.bench;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
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
 * Follows {@code mail.delivery-events} for {@code bench transactional}: when each transactional message
 * got its SMTP 250 (the event's timestamp, taken by the dispatcher when the reply came), and when each
 * campaign message was delivered, so the campaign's rate can be counted over any window. Campaign
 * deliveries are kept as one timestamp per event (8 bytes each).
 */
final class OutcomeWatch implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<DeliveryEvent> serde;
    private final String campaignId;
    private final Map<String, Instant> transactionalDelivered = new HashMap<>();
    private long[] campaignDeliveredAt = new long[1 << 16];
    private int campaignDelivered;
    private int transactionalFailed;

    OutcomeWatch(String bootstrapServers, SchemaRegistry registry, String campaignId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        // Batched as bench delivery's tally is: a fetch per new event cost the shared broker more than the
        // dispatcher's own produce requests. Latency is read from the events' timestamps, not from when they arrive here.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1024 * 1024));
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        this.serde = AvroSerde.forValue(DeliveryEvent.class, registry);
        this.campaignId = campaignId;
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERY_EVENTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what has arrived (one poll). One thread only. */
    void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            DeliveryEvent e = serde.decode(r);
            if (e.getCampaignId() == null) {
                if (e.getOutcome() == Outcome.DELIVERED) {
                    transactionalDelivered.putIfAbsent(e.getMessageId(), e.getTimestamp());
                } else if (e.getOutcome() != Outcome.DEFERRED) {
                    transactionalFailed++;
                }
            } else if (campaignId.equals(e.getCampaignId()) && e.getOutcome() == Outcome.DELIVERED) {
                if (campaignDelivered == campaignDeliveredAt.length) {
                    campaignDeliveredAt = java.util.Arrays.copyOf(campaignDeliveredAt, campaignDeliveredAt.length * 2);
                }
                campaignDeliveredAt[campaignDelivered++] = e.getTimestamp().toEpochMilli();
            }
        }
    }

    Instant deliveredAt(String messageId) {
        return transactionalDelivered.get(messageId);
    }

    int transactionalDelivered() {
        return transactionalDelivered.size();
    }

    int transactionalFailed() {
        return transactionalFailed;
    }

    int campaignDelivered() {
        return campaignDelivered;
    }

    /** Campaign messages delivered in {@code [from, to)}. */
    long campaignDeliveredBetween(Instant from, Instant to) {
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        long n = 0;
        for (int i = 0; i < campaignDelivered; i++) {
            if (campaignDeliveredAt[i] >= a && campaignDeliveredAt[i] < b) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
