package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code campaign launch --skip-suppressed} against a real broker: suppressed recipients get no event and are counted. */
class SkipSuppressedLaunchIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path dir;

    private void suppress(String address, SuppressionSource source, String scope) throws Exception {
        AvroSerializer<Suppression> serializer = AvroSerde.forValue(Suppression.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()))).serializer();
        Instant now = Instant.now();
        SuppressionPart part = SuppressionPart.newBuilder().setSource(source).setReason(source.name().toLowerCase(Locale.ROOT))
                .setFirstSeen(now).setLastSeen(now).setScope(scope).build();
        Suppression s = Suppression.newBuilder().setAddress(address).setSource(source).setReason(part.getReason())
                .setFirstSeen(now).setLastSeen(now).setParts(List.of(part)).build();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.SUPPRESSIONS, address, serializer.serialize(Topics.SUPPRESSIONS, s))).get();
        }
    }

    @Test
    void suppressedRecipientsShouldBeLeftOutAndCountedInTheSummary() throws Exception {
        suppress("gone@example.com", SuppressionSource.BOUNCE, null);
        suppress("left-news@example.com", SuppressionSource.UNSUBSCRIBE, "news");
        suppress("left-offers@example.com", SuppressionSource.UNSUBSCRIBE, "offers");
        Files.writeString(dir.resolve("r.csv"), """
                email
                gone@example.com
                left-news@example.com
                left-offers@example.com
                ann@example.com
                """);
        Path campaign = Files.writeString(dir.resolve("news.yaml"), """
                id: news-skip-1
                list: news
                sender:
                  address: news@example.com
                subject: Hello
                text: Hi
                recipients:
                  path: r.csv
                """);
        LaunchConfig config = LaunchConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl())
                .withRejectsFile(dir.resolve("rejects.csv")).withSkipSuppressed(true);

        LaunchSummary summary;
        try (CampaignLauncher launcher = CampaignLauncher.connect(config)) {
            summary = launcher.launch(campaign);
        }

        assertThat(summary.rowsRead()).isEqualTo(4);
        assertThat(summary.suppressed()).isEqualTo(2);
        assertThat(summary.published()).as("ann, and the address unsubscribed from another list only").isEqualTo(2);
        assertThat(summary.describe()).contains("2 suppressed");
        assertThat(summary.toJson()).contains("\"suppressed\":2");
        assertThat(Files.readString(dir.resolve("rejects.csv"))).contains("gone@example.com").contains("left-news@example.com")
                .doesNotContain("left-offers@example.com").doesNotContain("ann@example.com");
    }
}
