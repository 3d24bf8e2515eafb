package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.MailMessage;
import io.mailstream.producer.cli.CampaignCommand;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The welcome example launched, paused, resumed and relaunched against a real broker and schema registry. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampaignLaunchIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final Path WELCOME = Path.of("../examples/welcome/campaign.yaml");
    private static final String ID = "welcome-2026-01";

    @TempDir
    Path dir;

    private LaunchConfig config() {
        return LaunchConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl()).withRejectsFile(dir.resolve("rejects.csv"));
    }

    private List<ConsumerRecord<String, MailMessage>> readOutbound(int expected) {
        AvroSerde<MailMessage> serde = AvroSerde.forValue(MailMessage.class,
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));
        List<ConsumerRecord<String, MailMessage>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.OUTBOUND).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    seen.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), serde.decode(r)));
                }
                return seen.size() >= expected;
            });
        }
        return seen;
    }

    @Test
    @Order(1)
    void launchPublishesTheCampaignAndOneEventPerValidUniqueRecipient() {
        LaunchSummary summary;
        try (CampaignLauncher launcher = CampaignLauncher.connect(config(), Clock.systemUTC(), Progress.NONE)) {
            summary = launcher.launch(WELCOME);
        }

        assertThat(summary.rowsRead()).isEqualTo(20);
        assertThat(summary.published()).isEqualTo(18);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.duplicates()).isEqualTo(1);
        List<ConsumerRecord<String, MailMessage>> records = readOutbound(18);
        assertThat(records).hasSize(18);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(r.value().getRoutingKey());
            assertThat(r.value().getMessageId()).isEqualTo(MessageIds.forCampaign(ID, EmailAddress.parse(r.value().getTo())));
        });
        assertThat(records).extracting(ConsumerRecord::key).filteredOn(k -> k.startsWith("example.com"))
                .as("no shards in the file and no fleet shard map: one routing key for the domain").isNotEmpty()
                .allSatisfy(k -> assertThat(k).isEqualTo("example.com"));
    }

    @Test
    @Order(2)
    void pauseAndResumeRepublishTheCampaignState() {
        try (CampaignStateChanger changer = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
            assertThat(changer.pause(ID).to()).isEqualTo(CampaignState.PAUSED);
            assertThat(changer.latest(ID)).hasValueSatisfying(c -> assertThat(c.getState()).isEqualTo(CampaignState.PAUSED));

            assertThat(changer.resume(ID).from()).isEqualTo(CampaignState.PAUSED);
            assertThat(changer.latest(ID)).hasValueSatisfying(c -> assertThat(c.getState()).isEqualTo(CampaignState.SENDING));

            assertThatThrownBy(() -> changer.pause("no-such-campaign")).isInstanceOf(CampaignNotFoundException.class);
        }
    }

    @Test
    @Order(3)
    void relaunchFromTheCliPublishesTheSameMessageIdsAndPrintsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CampaignCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("launch", WELCOME.toString(), "--bootstrap-servers", STACK.bootstrapServers(),
                "--schema-registry", STACK.schemaRegistryUrl(), "--rejects", dir.resolve("cli-rejects.csv").toString(), "--json");

        assertThat(code).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("published").asLong()).isEqualTo(18);
        assertThat(json.get("campaignId").asText()).isEqualTo(ID);
        assertThat(json.get("continued").asBoolean()).as("the campaign existed: the launch continues it").isTrue();
        assertThat(lines[0]).contains("continued the existing campaign");
        List<ConsumerRecord<String, MailMessage>> records = readOutbound(36);
        assertThat(records).hasSize(36);
        assertThat(records.stream().map(r -> r.value().getMessageId()).distinct()).hasSize(18);
    }

    @Test
    @Order(4)
    void launchOfACancelledCampaignIsRefusedWithAClearMessageAndPublishesNothing() {
        try (CampaignStateChanger changer = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
            changer.cancel(ID);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CampaignCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int code = cli.execute("launch", WELCOME.toString(), "--bootstrap-servers", STACK.bootstrapServers(),
                "--schema-registry", STACK.schemaRegistryUrl(), "--rejects", dir.resolve("cli-rejects.csv").toString());

        assertThat(code).as("refused").isEqualTo(4);
        assertThat(err.toString()).contains("campaign '" + ID + "' is CANCELLED").contains("final");
        try (CampaignStateChanger changer = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
            assertThat(changer.latest(ID)).hasValueSatisfying(c -> assertThat(c.getState()).isEqualTo(CampaignState.CANCELLED));
        }
        assertThat(readOutbound(36)).as("no message published by the refused launch").hasSize(36);
    }

    @Test
    @Order(5)
    void aResumeRacingACancelIsRefusedAndTheCampaignStaysCancelled() {
        String id = "race-2026";
        try (CampaignStateChanger setup = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
            setup.launch(setup.latest(ID).map(c -> io.mailstream.avro.Campaign.newBuilder(c).setId(id).build()).orElseThrow());
            setup.pause(id);
        }
        // The cancel runs whole between the resume's read (PAUSED) and its write.
        Runnable cancelMeanwhile = () -> {
            try (CampaignStateChanger other = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
                assertThat(other.cancel(id).changed()).isTrue();
            }
        };
        try (CampaignStateChanger resume = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC(), cancelMeanwhile)) {
            assertThatThrownBy(() -> resume.resume(id)).isInstanceOf(StateMovedException.class);
        }

        try (CampaignStateChanger check = CampaignStateChanger.connect(config().cluster(), Clock.systemUTC())) {
            assertThat(check.latest(id)).hasValueSatisfying(c -> {
                assertThat(c.getState()).isEqualTo(CampaignState.CANCELLED);
                assertThat(c.getStateVersion()).as("launch, pause, cancel").isEqualTo(3);
            });
            assertThatThrownBy(() -> check.resume(id)).isInstanceOf(InvalidStateChangeException.class);
        }
    }
}
