package io.mailstream.bounces;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.bounces.topology.NotApplied;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The receiver and the topology together on the real embedded stack: only signed return paths, only the message's recipient. */
class BounceProcessorIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path stateDir;

    @Test
    void aSignedVerpBounceShouldBeStoredBeforeTheReplyAndSuppressOnlyTheRecipientOfItsMessage() throws Exception {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(RETURN_PATHS, 0))
                .withStateDir(stateDir)
                .withApplicationId("bounce-it-" + UUID.randomUUID());
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class, registry);
        AvroSerde<Suppression> suppressions = AvroSerde.forValue(Suppression.class, registry);

        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (String[] sent : new String[][] {{"msg-it-1", "gone@example.org"}, {"msg-it-2", "mallory@example.org"}}) {
                DeliveryEvent delivered = DeliveryEvent.newBuilder().setMessageId(sent[0]).setRecipient(sent[1])
                        .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setAttempt(1).setTimestamp(Instant.now())
                        .setDispatcherId("it").build();
                producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, sent[0],
                        events.serializer().serialize(Topics.DELIVERY_EVENTS, delivered))).get();
            }
        }

        try (BounceProcessor processor = BounceProcessor.start(config);
             SmtpDialog smtp = new SmtpDialog("localhost", processor.smtpPort())) {
            assertThat(smtp.send("spammer@example.net", "someone@example.org", "Subject: hi\r\n\r\nhi\r\n".getBytes()))
                    .startsWith("550");
            byte[] forged = SampleBounces.dsn("victim@example.org", "msg-it-9", "5.1.1", "550 5.1.1 user unknown");
            assertThat(smtp.send("", "bounces+msg-it-9@bounce.example.com", forged)).as("unsigned return path").startsWith("550");
            // mallory got msg-it-2 and so knows its signed return path: a DSN to it naming someone else changes nothing
            assertThat(smtp.send("", verp("msg-it-2"), forged)).startsWith("250");

            String reply = smtp.send("", verp("msg-it-1"),
                    SampleBounces.dsn("gone@example.org", "msg-it-1", "5.1.1", "550 5.1.1 <gone@example.org>: user unknown"));
            assertThat(reply).startsWith("250");
            // 250 came after acks=all: the bounce is already in the topic, no waiting needed
            List<ConsumerRecord<String, byte[]>> stored = TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW);
            assertThat(stored).filteredOn(r -> "msg-it-1".equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(raw.decode(r).getEnvelopeTo()).containsExactly(verp("msg-it-1")));

            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS))
                            .filteredOn(r -> "gone@example.org".equals(r.key()))
                            .isNotEmpty()
                            .last()
                            .satisfies(r -> {
                                Suppression s = suppressions.decode(r);
                                assertThat(s.getSource()).isEqualTo(SuppressionSource.BOUNCE);
                                assertThat(s.getReason()).isEqualTo("userunknown");
                                assertThat(s.getExpiresAt()).isNull();
                            }));
            await().atMost(Duration.ofSeconds(30)).until(() -> processor.counters().notApplied(NotApplied.RECIPIENT_MISMATCH) == 1);
            assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS))
                    .noneMatch(r -> "victim@example.org".equals(r.key()));
        }
    }

    @Test
    void aThreeMegabyteBounceShouldBeAcceptedAndStoredShortenedToFitTheTopicAndStillSuppress() throws Exception {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(RETURN_PATHS, 0))
                .withStateDir(stateDir)
                .withApplicationId("bounce-big-it-" + UUID.randomUUID());
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class, registry);
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            DeliveryEvent delivered = DeliveryEvent.newBuilder().setMessageId("msg-big-1").setRecipient("big@example.org")
                    .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setAttempt(1).setTimestamp(Instant.now())
                    .setDispatcherId("it").build();
            producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, "msg-big-1",
                    events.serializer().serialize(Topics.DELIVERY_EVENTS, delivered))).get();
        }
        byte[] big = SampleBounces.dsnReturningLargeMessage("big@example.org", "msg-big-1", "5.1.1",
                "550 5.1.1 <big@example.org>: user unknown", 3 * 1024 * 1024);
        assertThat(big.length).isGreaterThan(3 * 1024 * 1024);

        try (BounceProcessor processor = BounceProcessor.start(config);
             SmtpDialog smtp = new SmtpDialog("localhost", processor.smtpPort())) {
            assertThat(smtp.send("", verp("msg-big-1"), big)).as("over the topic's 1 MB, still taken").startsWith("250");

            List<ConsumerRecord<String, byte[]>> stored = TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW);
            assertThat(stored).filteredOn(r -> "msg-big-1".equals(r.key())).singleElement().satisfies(r -> {
                assertThat(r.serializedValueSize()).isLessThanOrEqualTo(ReceiverConfig.DEFAULT_MAX_RECORD_BYTES);
                RawBounce b = raw.decode(r);
                String head = java.nio.charset.StandardCharsets.US_ASCII.decode(b.getMessage().duplicate()).toString();
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("X-Mailstream-Truncated: received (\\d+) bytes, stored the first (\\d+)\r\n").matcher(head);
                assertThat(m.lookingAt()).as(head.substring(0, 200)).isTrue();
                assertThat(Long.parseLong(m.group(1))).as("with the receiver's Received field").isGreaterThan(big.length);
                assertThat(Long.parseLong(m.group(2))).isLessThan(ReceiverConfig.DEFAULT_MAX_RECORD_BYTES);
                assertThat(head).contains("Final-Recipient: rfc822; big@example.org");
            });
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS))
                            .anyMatch(r -> "big@example.org".equals(r.key()) && r.value() != null));
        }
    }
}
