package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The receiver and the topology together on the real embedded stack. */
class BounceProcessorIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path stateDir;

    @Test
    void aVerpBounceShouldBeStoredBeforeTheReplyAndBecomeASuppression() throws Exception {
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(Domain.of("bounce.example.com"), 0))
                .withStateDir(stateDir)
                .withApplicationId("bounce-it-" + UUID.randomUUID());
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class, registry);
        AvroSerde<Suppression> suppressions = AvroSerde.forValue(Suppression.class, registry);

        try (BounceProcessor processor = BounceProcessor.start(config);
             SmtpDialog smtp = new SmtpDialog("localhost", processor.smtpPort())) {
            assertThat(smtp.send("spammer@example.net", "someone@example.org", "Subject: hi\r\n\r\nhi\r\n".getBytes()))
                    .startsWith("550");

            String reply = smtp.send("", "bounces+msg-it-1@bounce.example.com",
                    SampleBounces.dsn("gone@example.org", "msg-it-1", "5.1.1", "550 5.1.1 <gone@example.org>: user unknown"));
            assertThat(reply).startsWith("250");
            // 250 came after acks=all: the bounce is already in the topic, no waiting needed
            List<ConsumerRecord<String, byte[]>> stored = TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW);
            assertThat(stored).filteredOn(r -> "msg-it-1".equals(r.key())).singleElement()
                    .satisfies(r -> assertThat(raw.decode(r).getEnvelopeTo()).containsExactly("bounces+msg-it-1@bounce.example.com"));

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
        }
    }
}
