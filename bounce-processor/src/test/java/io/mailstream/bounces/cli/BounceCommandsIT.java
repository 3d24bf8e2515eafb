package io.mailstream.bounces.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Sender;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The bounce commands against the real embedded stack. */
class BounceCommandsIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", STACK.bootstrapServers(), "--schema-registry", STACK.schemaRegistryUrl()));
        int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(all.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    @Test
    void suppressAddCheckListExportRemoveShouldRoundTripThroughTheTopic() {
        assertThat(run(new SuppressCommand(), "add", "Zed@Example.org", "--reason", "asked by phone").code()).isZero();
        assertThat(run(new SuppressCommand(), "add", "temp@example.org", "--for", "P1D").code()).isZero();

        Run check = run(new SuppressCommand(), "check", "zed@example.org");
        assertThat(check.code()).isZero();
        assertThat(check.out()).contains("MANUAL").contains("asked by phone").contains("permanent");
        assertThat(run(new SuppressCommand(), "list").out()).contains("zed@example.org").contains("temp@example.org");
        assertThat(run(new SuppressCommand(), "export").out())
                .startsWith("address,source,reason,first_seen,last_seen,count,expires_at")
                .contains("zed@example.org,MANUAL,asked by phone,");

        assertThat(run(new SuppressCommand(), "remove", "ZED@example.org").code()).isZero();
        Run after = run(new SuppressCommand(), "check", "zed@example.org");
        assertThat(after.code()).isEqualTo(1);
        assertThat(after.out()).contains("not suppressed");
    }

    @Test
    void campaignStatusShouldCountTheCampaignsDeliveryEventsAndComplaints() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class, registry);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (DeliveryEvent e : List.of(
                    event("s1", Outcome.DELIVERED, 250, "2.0.0"),
                    event("s2", Outcome.DELIVERED, 250, "2.0.0"),
                    event("s2", Outcome.DELIVERED, 250, "2.0.0"), // a repeat (e.g. after a crash): one message
                    event("s3", Outcome.BOUNCED, 550, "5.1.1"))) {
                producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, e.getMessageId(),
                        events.serializer().serialize(Topics.DELIVERY_EVENTS, e))).get();
            }
            RawBounce complaint = RawBounce.newBuilder().setReceivedAt(Instant.now()).setEnvelopeTo(List.of("fbl@bounce.example.com"))
                    .setMessage(ByteBuffer.wrap(SampleBounces.complaint("s1@example.org", "s1"))).build();
            producer.send(new ProducerRecord<>(Topics.BOUNCES_RAW, "s1", raw.serializer().serialize(Topics.BOUNCES_RAW, complaint))).get();
            Campaign done = Campaign.newBuilder().setId("status-it").setVersion(1)
                    .setSender(Sender.newBuilder().setAddress("news@example.org").build()).setSubjectTemplate("s")
                    .setState(CampaignState.DONE).setUpdatedAt(Instant.now()).setStateVersion(3).setExpectedMessages(3L).build();
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, "status-it",
                    AvroSerde.forValue(Campaign.class, registry).serializer().serialize(Topics.CAMPAIGNS, done))).get();
        }

        Run text = run(new CampaignStatusCommand(), "status-it");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("campaign status-it: done (3 of 3 messages finished)")
                .containsPattern("delivered\\s+2").containsPattern("bounced\\s+1\\s+\\(userunknown 1\\)")
                .containsPattern("complaints\\s+1");
        Run json = run(new CampaignStatusCommand(), "status-it", "--json");
        assertThat(json.out()).contains("\"delivered\":2").contains("\"complaints\":1").contains("\"state\":\"done\"")
                .contains("\"finishedMessages\":3").contains("\"expectedMessages\":3");
        assertThat(run(new CampaignStatusCommand(), "no-such-campaign").code()).isEqualTo(1);
    }

    @Test
    void importShouldPutEveryMessageOfEmlFilesAndMboxesIntoTheRawTopic() throws Exception {
        Files.write(dir.resolve("one.eml"), SampleBounces.dsn("imp1@example.org", "imp-1", "5.1.1", "550 5.1.1 user unknown"));
        byte[] mbox = ("From MAILER-DAEMON Mon Mar  2 10:00:00 2026\r\n"
                + new String(SampleBounces.dsn("imp2@example.org", "imp-2", "5.1.1", "550 user unknown"), "US-ASCII")
                + "\r\nFrom MAILER-DAEMON Mon Mar  2 10:00:01 2026\r\n"
                + new String(SampleBounces.autoReply("imp3@example.org"), "US-ASCII")).getBytes("US-ASCII");
        Files.write(dir.resolve("box.mbox"), mbox);

        Run r = run(new BounceImportCommand(), dir.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("imported 3 of 3");
        assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW))
                .extracting(rec -> rec.key()).contains("imp-1", "imp-2");
    }

    private static DeliveryEvent event(String id, Outcome outcome, int code, String status) {
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId("status-it").setRecipient(id + "@example.org")
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(status + " reply")
                .setTimestamp(Instant.now()).setDispatcherId("d-it").build();
    }
}
