package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.PipeliningSmtpServer;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher on the embedded broker delivering to two scripted receivers at once: one offers
 * PIPELINING (RFC 2920) and holds its MAIL/RCPT replies until DATA, so only a pipelining client
 * gets through it; the other does not offer it and is served one command per round trip. Each
 * message's recipient is classified by its own RCPT reply: 250 delivered, 550 5.1.1 bounced,
 * 451 4.7.1 deferred.
 */
class PipeliningIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String CAMPAIGN = "pipelining-c1";
    private static final int ACCEPTED = 10;

    private record Batch(List<MailMessage> accepted, MailMessage unknown, MailMessage later) {
    }

    @Test
    void pipelinedAndLockstepReceiversShouldBothHaveEachRecipientClassifiedByItsOwnReply() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        DeliveryEventsTopic events = new DeliveryEventsTopic(STACK.bootstrapServers(),
                AvroSerde.forValue(DeliveryEvent.class, registry));
        try (PipeliningSmtpServer pipelining = PipeliningSmtpServer.pipelining();
             PipeliningSmtpServer lockstep = PipeliningSmtpServer.lockstep();
             KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
            // 451 4.7.1 is a "slow down" signal that suspends its domain: the greylisted recipients get domains of their own.
            Batch piped = publish(producer, messages, "pipelining.test", "greylist-p.test");
            Batch lockstepped = publish(producer, messages, "lockstep.test", "greylist-l.test");
            producer.flush();

            DispatcherConfig config = DispatcherConfig.builder()
                    .bootstrapServers(STACK.bootstrapServers()).schemaRegistryUrl(STACK.schemaRegistryUrl())
                    .smtpHost("unused.invalid").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                    .groupId("pipelining-it").dispatcherId("pipelining-1").pollTimeout(Duration.ofMillis(100))
                    .shutdownGracePeriod(Duration.ofSeconds(10))
                    .smtpReadTimeout(Duration.ofSeconds(5))
                    .deliveryMode(DeliveryMode.DIRECT_MX).allowPrivateAddresses(true)
                    .routeOverride("pipelining.test", "127.0.0.1:" + pipelining.port(), TlsSettings.NONE)
                    .routeOverride("greylist-p.test", "127.0.0.1:" + pipelining.port(), TlsSettings.NONE)
                    .routeOverride("lockstep.test", "127.0.0.1:" + lockstep.port(), TlsSettings.NONE)
                    .routeOverride("greylist-l.test", "127.0.0.1:" + lockstep.port(), TlsSettings.NONE)
                    .build();
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                dispatcher.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> classified(events, piped) && classified(events, lockstepped));
            }

            assertClassifiedPerRecipient(events, piped);
            assertClassifiedPerRecipient(events, lockstepped);

            assertThat(pipelining.received()).hasSize(ACCEPTED);
            assertThat(pipelining.commandsPerRead()).filteredOn(batch -> batch.getFirst().startsWith("MAIL FROM"))
                    .as("each envelope arrives in one TCP read: MAIL FROM, RCPT TO, DATA")
                    .hasSizeGreaterThanOrEqualTo(ACCEPTED + 2)
                    .allSatisfy(batch -> assertThat(batch).hasSize(3).last().isEqualTo("DATA"));
            assertThat(lockstep.received()).hasSize(ACCEPTED);
            assertThat(lockstep.commandsPerRead()).as("one command per round trip without PIPELINING")
                    .isNotEmpty().allSatisfy(batch -> assertThat(batch).hasSize(1));
            assertThat(lockstep.commands()).filteredOn(c -> c.startsWith("MAIL FROM")).hasSizeGreaterThanOrEqualTo(ACCEPTED + 2);
        }
    }

    private static Batch publish(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, String domain,
                                 String greylistDomain) {
        List<MailMessage> accepted = new ArrayList<>();
        for (int i = 0; i < ACCEPTED; i++) {
            accepted.add(send(producer, serde, "user" + i + "@" + domain));
        }
        return new Batch(accepted, send(producer, serde, "unknown@" + domain), send(producer, serde, "later@" + greylistDomain));
    }

    private static MailMessage send(KafkaProducer<byte[], byte[]> producer, AvroSerde<MailMessage> serde, String to) {
        MailMessage m = Fixtures.campaignMessage(CAMPAIGN, to, Map.of("name", to)).setCreatedAt(Instant.now()).build();
        producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()), serde.serializer().serialize(Topics.OUTBOUND, m)));
        return m;
    }

    private static boolean classified(DeliveryEventsTopic events, Batch b) {
        return events.of(b.accepted(), Outcome.DELIVERED).size() == ACCEPTED
                && !events.of(List.of(b.unknown()), null).isEmpty()
                && !events.of(List.of(b.later()), null).isEmpty();
    }

    private static void assertClassifiedPerRecipient(DeliveryEventsTopic events, Batch b) {
        assertThat(events.of(b.accepted(), null)).hasSize(ACCEPTED)
                .allSatisfy(e -> assertThat(e.getSmtpReplyCode()).isEqualTo(250));
        assertThat(events.of(List.of(b.unknown()), null)).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.BOUNCED);
            assertThat(e.getSmtpReplyCode()).isEqualTo(550);
            assertThat(e.getEnhancedStatusCode()).isEqualTo("5.1.1");
        });
        assertThat(events.of(List.of(b.later()), null)).singleElement().satisfies(e -> {
            assertThat(e.getOutcome()).isEqualTo(Outcome.DEFERRED);
            assertThat(e.getSmtpReplyCode()).isEqualTo(451);
            assertThat(e.getEnhancedStatusCode()).isEqualTo("4.7.1");
        });
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
