package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.OutcomePublisher;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpCheck;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dispatcher against a real broker, the schema registry and the SMTP sink of the test kit. */
class DispatcherIT {
    private static final VerpKeys VERP_KEYS = VerpKeys.generate("t");
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final int N = 30;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyRecipientShouldGetExactlyOneMessageWithItsOwnSubjectDespiteCorruptAndProtobufFramedRecordsInTheMiddle()
            throws Exception {
        STACK.sink().reset();
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        List<MailMessage> sent = new ArrayList<>();
        byte[] corrupt = utf8("{\"not\":\"avro\"}");
        // What a Protobuf serializer writes: the same magic byte and id header, for a real PROTOBUF schema.
        byte[] protobufFramed = io.mailstream.schemas.serde.WireFormat.frame(registerProtobufSchema(),
                new byte[] {0x00, 0x0a, 0x01, 'x'});
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            Campaign campaign = Fixtures.campaign("it-c1").build();
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8("it-c1"),
                    AvroSerde.forValue(Campaign.class, registry).serializer().serialize(Topics.CAMPAIGNS, campaign))).get();
            for (int i = 0; i < N; i++) {
                String domain = "d" + (i % 3) + ".example";
                MailMessage m = Fixtures.campaignMessage("it-c1", "user" + i + "@" + domain, Map.of("name", "User " + i)).build();
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m))).get();
                sent.add(m);
                if (i == N / 2) {
                    producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(domain), corrupt)).get();
                }
                if (i == N / 3) {
                    producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(domain), protobufFramed)).get();
                }
            }
        }

        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VERP_KEYS)
                .groupId("dispatcher-it")
                .dispatcherId("it-1")
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .build();
        try (Dispatcher dispatcher = Dispatcher.create(config)) {
            dispatcher.start();
            assertThat(STACK.sink().awaitCount(N, Duration.ofSeconds(60))).as("sink received all messages").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> readAll(Topics.DELIVERY_EVENTS).size() >= N);
        }

        Map<String, MailMessage> byRecipient = sent.stream().collect(Collectors.toMap(MailMessage::getTo, Function.identity()));
        assertThat(STACK.sink().count()).isEqualTo(N);
        for (MailMessage m : sent) {
            assertThat(STACK.sink().count(EmailAddress.parse(m.getTo()))).as(m.getTo()).isEqualTo(1);
        }
        Session session = Session.getInstance(new Properties());
        for (ReceivedMessage r : STACK.sink().received()) {
            MimeMessage mime = new MimeMessage(session, new ByteArrayInputStream(r.raw()));
            String to = r.recipients().get(0).asString();
            assertThat(mime.getSubject()).isEqualTo("Hello " + byRecipient.get(to).getVariables().get("name"));
            assertThat(new SignedVerp(Domain.of("bounce.acme.example"), VERP_KEYS).check(EmailAddress.parse(r.envelopeFrom().orElseThrow())))
                    .as("signed return path of " + to).isEqualTo(new VerpCheck.Signed(byRecipient.get(to).getMessageId(), "t"));
        }

        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        Map<String, Long> eventsPerMessage = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> rec : readAll(Topics.DELIVERY_EVENTS)) {
            DeliveryEvent e = events.decode(rec);
            assertThat(e.getOutcome()).isEqualTo(Outcome.DELIVERED);
            eventsPerMessage.merge(e.getMessageId(), 1L, Long::sum);
        }
        assertThat(eventsPerMessage).hasSize(N).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(Topics.DEAD_LETTER);
        assertThat(dead).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(corrupt, protobufFramed);
        assertThat(dead).allSatisfy(d -> assertThat(new String(d.headers().lastHeader(OutcomePublisher.HEADER_SOURCE_TOPIC).value(),
                StandardCharsets.UTF_8)).isEqualTo(Topics.OUTBOUND));
        assertThat(dead).filteredOn(d -> java.util.Arrays.equals(d.value(), protobufFramed)).singleElement()
                .satisfies(d -> assertThat(new String(d.headers().lastHeader(io.mailstream.schemas.topics.DeadLetters.HEADER_REASON)
                        .value(), StandardCharsets.UTF_8)).isEqualTo("not-avro"));
    }

    private static int registerProtobufSchema() throws Exception {
        String body = "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\"; message Other { string x = 1; }\"}";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(STACK.schemaRegistryUrl() + "/subjects/other-value/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Integer.parseInt(r.body().replaceAll("\\D", ""));
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return TopicContents.readAll(STACK.bootstrapServers(), topic);
    }
}
