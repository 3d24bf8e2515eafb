package io.mailstream.cli.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.InlineContent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.MessageKind;
import io.mailstream.cli.Mailstream;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.WireFormat;
import io.mailstream.schemas.topics.DeadLetters;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Poison records end to end, on the embedded stack with a running dispatcher: a Protobuf-framed
 * record (a real PROTOBUF schema in the registry) and a record whose schema id the registry does
 * not know yet are dead-lettered while the records after them are delivered; {@code dead-letter
 * list} shows both; once the unknown schema is registered, {@code dead-letter replay} (twice) has
 * that message delivered exactly once; a truncated copy is refused.
 */
class DeadLetterReplayIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();
    private static final String DOMAIN = "dl.example"; // one routing key: one partition, in order
    private static final String PROTO = "syntax = \"proto3\";\npackage it;\nmessage Receipt { string to = 1; }\n";

    @Test
    void poisonRecordsShouldBeDeadLetteredAndAFixedOneReplayedAndDeliveredOnce() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        STACK.sink().reset();
        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("dead-letter-it")
                .groupId("dead-letter-it")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .unknownSchemaWait(Duration.ofSeconds(2))
                .pollTimeout(Duration.ofMillis(100))
                .build();

        try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
            dispatcher.start();
            int protobufId = registerProtobuf();
            // The next schema this registry sees gets the id after a probe's: frame m3 with it before it exists.
            int probeId = registry.register("dead-letter-it-probe-value",
                    SchemaBuilder.record("Probe").namespace("it").fields().requiredString("p").endRecord());
            int laterId = probeId + 1;

            MailMessage m1 = receipt("one");
            MailMessage m2 = receipt("two");
            MailMessage m3 = receipt("three");
            MailMessage m4 = receipt("four");
            byte[] protobufFramed = WireFormat.frame(protobufId, new byte[] {0x00, 0x0a, 0x03, 'a', '@', 'b'});
            byte[] m3Bytes = messages.serializer().serialize(Topics.TRANSACTIONAL, m3);
            byte[] m3UnknownId = WireFormat.frame(laterId, Arrays.copyOfRange(m3Bytes, WireFormat.HEADER_LENGTH, m3Bytes.length));
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                send(producer, messages.serializer().serialize(Topics.TRANSACTIONAL, m1));
                send(producer, protobufFramed);
                send(producer, messages.serializer().serialize(Topics.TRANSACTIONAL, m2));
                send(producer, m3UnknownId);
                send(producer, messages.serializer().serialize(Topics.TRANSACTIONAL, m4));
            }

            await("the records after the poison ones delivered").atMost(Duration.ofSeconds(60))
                    .until(() -> delivered(m1) == 1 && delivered(m2) == 1 && delivered(m4) == 1);
            await("both dead-lettered").atMost(Duration.ofSeconds(30)).until(() -> deadLetters().size() == 2);
            assertThat(delivered(m3)).isZero();
            assertThat(deadLetters().get(0).value()).as("bytes untouched").isEqualTo(protobufFramed);
            assertThat(deadLetters().get(1).value()).isEqualTo(m3UnknownId);

            Run list = run("dead-letter", "list", "--bootstrap-servers", STACK.bootstrapServers(),
                    "--schema-registry", STACK.schemaRegistryUrl(), "--json");
            assertThat(list.code()).as(list.err()).isZero();
            JsonNode listed = new ObjectMapper().readTree(list.out()).get("deadLetters");
            assertThat(listed).hasSize(2);
            assertThat(listed.get(0).get("reason").asText()).isEqualTo("not-avro");
            assertThat(listed.get(0).get("sourceTopic").asText()).isEqualTo(Topics.TRANSACTIONAL);
            assertThat(listed.get(0).get("error").asText()).contains("PROTOBUF");
            assertThat(listed.get(1).get("reason").asText()).isEqualTo("unknown-schema");
            assertThat(listed.get(1).has("messageId")).as("unreadable until the schema exists").isFalse();
            Run filtered = run("dead-letter", "list", "--bootstrap-servers", STACK.bootstrapServers(),
                    "--schema-registry", STACK.schemaRegistryUrl(), "--reason", "unknown-schema", "--since", "1h");
            assertThat(filtered.out()).contains("unknown-schema").doesNotContain("not-avro").contains("1 dead letter(s)");

            // The cause is fixed: the writer's schema is registered (it gets the id m3 was framed with).
            Schema writers = new Schema.Parser().parse(MailMessage.getClassSchema().toString());
            writers.addProp("mailstream.it", "registered later");
            assertThat(registry.register(Topics.TRANSACTIONAL + "-value", writers)).isEqualTo(laterId);

            Run after = run("dead-letter", "list", "--bootstrap-servers", STACK.bootstrapServers(),
                    "--schema-registry", STACK.schemaRegistryUrl(), "--reason", "unknown-schema", "--json");
            assertThat(new ObjectMapper().readTree(after.out()).get("deadLetters").get(0).get("messageId").asText())
                    .isEqualTo(m3.getMessageId());
            for (int i = 0; i < 2; i++) {
                Run replay = run("dead-letter", "replay", "--bootstrap-servers", STACK.bootstrapServers(),
                        "--reason", "unknown-schema");
                assertThat(replay.code()).as(replay.err()).isZero();
                assertThat(replay.out()).contains("1 dead letter(s) replayed").contains("to " + Topics.TRANSACTIONAL);
            }

            await("the replayed message delivered").atMost(Duration.ofSeconds(60)).until(() -> delivered(m3) == 1);
            await("and only once, although replayed twice").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> delivered(m3) == 1);
            assertThat(dispatcher.health().readiness().details()).doesNotContainKey("deadWorkers");
        }

        // A truncated copy (its write was refused for good) is refused by replay, which then replays nothing.
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.HEADER_SOURCE_TOPIC, utf8(Topics.OUTBOUND));
        headers.add(DeadLetters.HEADER_SOURCE_PARTITION, utf8("0"));
        headers.add(DeadLetters.HEADER_SOURCE_OFFSET, utf8("7"));
        headers.add(DeadLetters.HEADER_REASON, utf8("write-refused"));
        headers.add(DeadLetters.HEADER_TRUNCATED_FROM, utf8("value=2000000,key=10"));
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, null, utf8("k"), new byte[16], headers)).get();
        }
        int before = TopicContents.readAll(STACK.bootstrapServers(), Topics.OUTBOUND).size();
        Run refused = run("dead-letter", "replay", "--bootstrap-servers", STACK.bootstrapServers(), "--reason", "write-refused");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("truncated copy").contains("value=2000000").contains("nothing replayed");
        assertThat(TopicContents.readAll(STACK.bootstrapServers(), Topics.OUTBOUND)).hasSize(before);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Mailstream.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static int registerProtobuf() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("schemaType", "PROTOBUF", "schema", PROTO));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(STACK.schemaRegistryUrl() + "/subjects/it-receipts-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body()).get("id").asInt();
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters() {
        return TopicContents.readAll(STACK.bootstrapServers(), Topics.DEAD_LETTER);
    }

    private static long delivered(MailMessage m) {
        return STACK.sink().count(EmailAddress.parse(m.getTo()));
    }

    private static MailMessage receipt(String name) {
        return MailMessage.newBuilder()
                .setMessageId(MessageIds.random())
                .setCampaignId(null)
                .setKind(MessageKind.TRANSACTIONAL)
                .setFrom("receipts@acme.example")
                .setTo(name + "@" + DOMAIN)
                .setRecipientDomain(DOMAIN)
                .setRoutingKey(DOMAIN)
                .setInline(InlineContent.newBuilder().setSubject("Receipt " + name).setText("ok").setHtml(null).build())
                .setVariables(new HashMap<>())
                .setHeaders(new HashMap<>())
                .setCreatedAt(Instant.now())
                .build();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, utf8(DOMAIN), value)).get();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
