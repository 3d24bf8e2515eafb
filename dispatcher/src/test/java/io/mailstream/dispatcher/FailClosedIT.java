package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.FlakyRegistry;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fail closed on the real broker and registry: while the dispatcher cannot read new suppressions
 * (its registry client unreachable), it turns not-ready and sends nothing; once the registry answers
 * again it catches up and mails none of the addresses suppressed meanwhile.
 */
class FailClosedIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final List<String> SUPPRESSED = IntStream.range(0, 5).mapToObj(i -> "gone" + i + "@held.example.org").toList();
    private static final List<String> FINE = IntStream.range(0, 5).mapToObj(i -> "fine" + i + "@held.example.net").toList();

    @Test
    void registryDownWhileSuppressionsArriveShouldHoldMailTurnNotReadyThenCatchUpAndMailNoneOfThem() throws Exception {
        STACK.sink().reset();
        SchemaRegistry healthy = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        FlakyRegistry dispatcherRegistry = new FlakyRegistry(
                new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl())));
        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId("fail-closed-it")
                .dispatcherId("fail-closed-1")
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .tableMaxLag(Duration.ofSeconds(2))
                .build();
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, healthy);
        AvroSerde<Suppression> suppressions = AvroSerde.forValue(Suppression.class, healthy);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer());
             Dispatcher dispatcher = Dispatcher.create(config, dispatcherRegistry)) {
            dispatcher.start();
            send(producer, messages, "warm@held.example.net");
            await().atMost(Duration.ofSeconds(60)).until(() -> STACK.sink().count(EmailAddress.parse("warm@held.example.net")) == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.health().readiness().up());

            dispatcherRegistry.down(true);
            for (String address : SUPPRESSED) {
                Suppression s = Suppression.newBuilder().setAddress(address).setReason("userunknown")
                        .setSource(SuppressionSource.BOUNCE).setFirstSeen(Instant.now()).setLastSeen(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, utf8(address),
                        suppressions.serializer().serialize(Topics.SUPPRESSIONS, s))).get();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !dispatcher.health().readiness().up());
            assertThat(dispatcher.health().readiness().checks()).containsEntry("suppressionsCurrent", false);
            assertThat(dispatcher.tablesCurrent()).isFalse();

            List<String> all = new ArrayList<>(SUPPRESSED);
            all.addAll(FINE);
            for (String to : all) {
                send(producer, messages, to);
            }
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> all.stream().allMatch(a -> STACK.sink().count(EmailAddress.parse(a)) == 0));

            dispatcherRegistry.down(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.health().readiness().up());
            await().atMost(Duration.ofSeconds(60)).until(() -> FINE.stream()
                    .allMatch(a -> STACK.sink().count(EmailAddress.parse(a)) == 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes(healthy).values().stream()
                    .filter(o -> o == Outcome.SUPPRESSED).count() == SUPPRESSED.size());
        }
        for (String a : SUPPRESSED) {
            assertThat(STACK.sink().count(EmailAddress.parse(a))).as("mail to %s, suppressed while the registry was down", a).isZero();
        }
        Map<String, Outcome> outcomes = outcomes(healthy);
        SUPPRESSED.forEach(a -> assertThat(outcomes).containsEntry(a, Outcome.SUPPRESSED));
        FINE.forEach(a -> assertThat(outcomes).containsEntry(a, Outcome.DELIVERED));
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, String to) throws Exception {
        MailMessage m = Fixtures.transactional(to, "Receipt", "thanks").build();
        producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, utf8(m.getRoutingKey()),
                serde.serializer().serialize(Topics.TRANSACTIONAL, m))).get();
    }

    private static Map<String, Outcome> outcomes(SchemaRegistry registry) {
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        Map<String, Outcome> byRecipient = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(STACK.bootstrapServers(), Topics.DELIVERY_EVENTS)) {
            DeliveryEvent e = events.decode(r);
            byRecipient.put(e.getRecipient(), e.getOutcome());
        }
        return byRecipient;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
