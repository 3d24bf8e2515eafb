package io.mailstream.cli.console;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.avro.GuardHold;
import io.mailstream.bounces.completion.CampaignLog;
import io.mailstream.bounces.completion.CampaignStateWriter;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the campaign guard and the tracking endpoint write, written by a test as they write it: a
 * guard hold through the bounce processor's own compare-and-set {@link CampaignStateWriter}, and a
 * click to {@code mail.engagement}. Lets {@link ConsoleBrowserIT} show both without 1 000 deliveries
 * at one provider or a tracking service.
 */
final class GuardAndTrackingWrites {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private GuardAndTrackingWrites() {
    }

    /** Holds {@code campaignId} at {@code provider} for its complaint rate, as {@code GuardBrakes} does. */
    static void hold(KafkaConnection kafka, SchemaRegistry registry, String campaignId, String provider) throws Exception {
        AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.merge(p), new StringDeserializer(), new ByteArrayDeserializer())) {
            CampaignStateWriter writer = new CampaignStateWriter(kafka, serde, new CampaignLog(consumer, serde, TIMEOUT), TIMEOUT,
                    "console-it-guard-");
            GuardHold hold = GuardHold.newBuilder().setRule("complaint-rate").setRate(0.004).setLine(0.001).setCount(4).setBase(1000)
                    .setWholeCampaign(false).setDecidedAt(Instant.now()).setResumedAt(null).build();
            CampaignStateWriter.Result result = writer.write(campaignId,
                    c -> Optional.of(Campaign.newBuilder(c).setGuardHolds(Map.of(provider, hold)).build()));
            if (result != CampaignStateWriter.Result.WRITTEN) {
                throw new IllegalStateException("the guard hold was not written: " + result);
            }
        }
    }

    /** One human click on link 0 of {@code messageId}, as the tracking endpoint records it. */
    static void click(KafkaConnection kafka, SchemaRegistry registry, String campaignId, String messageId) throws Exception {
        AvroSerde<EngagementEvent> serde = AvroSerde.forValue(EngagementEvent.class, registry);
        EngagementEvent e = EngagementEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setMessageId(messageId)
                .setCampaignId(campaignId).setKind(EngagementKind.CLICKED).setLinkIndex(0).setUrl("https://example.com/offer")
                .setMachine(false).setClientClass("BROWSER").setIpClass("PUBLIC_V4").setTimestamp(Instant.now()).build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.merge(new Properties()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ENGAGEMENT, messageId, serde.serializer().serialize(Topics.ENGAGEMENT, e)))
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
