package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.demo.SampleDsn;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounce processor on the embedded stack with its ops endpoint on an ephemeral port: ready once
 * Kafka Streams runs and the receiver listens; two DSNs for unknown users (to the signed return paths
 * of messages the delivery events say went to them) move the received,
 * bounce and suppression counters by exactly two; unready after close.
 */
class BounceProcessorOpsIT {
    private static final SignedVerp RETURN_PATHS = new SignedVerp(Domain.of("bounces.mailstream.test"), VerpKeys.generate("t"));

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void classifiedBouncesShouldMoveTheCountersByExactlyTheirNumber() throws Exception {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(RETURN_PATHS, 0))
                .withStateDir(work.resolve("streams"))
                .withApplicationId("ops-bounces-it");
        try (HttpOpsServer ops = HttpOpsServer.start("bounce-processor", 0)) {
            OpsClient client = new OpsClient(ops.port());
            assertThat(client.status("/health/ready")).as("ready before the processor exists").isEqualTo(503);
            BounceProcessor processor = BounceProcessor.start(config, Clock.systemUTC(), ops.registry());
            try {
                ops.serveHealth(processor.health());
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(client.status("/health/ready")).as(client.get("/health/ready").body()).isEqualTo(200));

                String host = "mx.dsn.ops.test";
                for (String user : new String[] {"ann", "bob"}) {
                    String verp = RETURN_PATHS.returnPath("ops-" + user).asString();
                    String recipient = user + "@dsn.ops.test";
                    delivered("ops-" + user, recipient); // a DSN suppresses only the recipient its message went to
                    SampleDsn.send(processor.smtpPort(), host, verp, SampleDsn.userUnknown(host, verp, recipient));
                }

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                        OpsClient.sum(client.metrics(), "mailstream_suppressions_written_total", Map.of())).isEqualTo(2.0));
                String m = client.metrics();
                assertThat(OpsClient.sum(m, "mailstream_bounces_received_total", Map.of("kind", "dsn"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_bounces_received_total", Map.of())).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_bounces_total",
                        Map.of("kind", "hard", "reason", "userunknown", "source", "bounce_message"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_suppressions_written_total", Map.of("source", "bounce"))).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_complaints_total", Map.of())).isZero();
                assertThat(OpsClient.sum(m, "mailstream_bounces_corrupt_records_total", Map.of())).isZero();
                assertThat(m).as("Kafka Streams client metrics (KafkaStreamsMetrics binder)").contains("\nkafka_stream_");
            } finally {
                processor.close();
            }
            assertThat(client.status("/health/ready")).as("ready after close").isEqualTo(503);
        }
    }

    private static void delivered(String messageId, String recipient) throws Exception {
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));
        DeliveryEvent event = DeliveryEvent.newBuilder().setMessageId(messageId).setRecipient(recipient)
                .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setAttempt(1).setTimestamp(Instant.now())
                .setDispatcherId("ops-it").build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, messageId,
                    events.serializer().serialize(Topics.DELIVERY_EVENTS, event))).get();
        }
    }
}
