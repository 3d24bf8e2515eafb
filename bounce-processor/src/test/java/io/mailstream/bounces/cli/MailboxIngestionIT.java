package io.mailstream.bounces.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.avro.Suppression;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.mailbox.MailboxPassword;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.support.BounceMailbox;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.TestReturnPaths;
import io.mailstream.bounces.support.TopicReader;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bounces imap} against GreenMail's IMAP server and the embedded stack, through a Kafka outage. */
class MailboxIngestionIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path stateDir;

    private record Run(int code, String out) {
    }

    private static Run imap(Map<String, String> env, int imapPort, String bootstrap, String ackTimeout) {
        BounceImapCommand command = new BounceImapCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
        List<String> args = new ArrayList<>(List.of("--host", "localhost", "--port", "" + imapPort, "--tls", "none",
                "--user", BounceMailbox.LOGIN, "--bounce-domain", TestReturnPaths.BOUNCE_DOMAIN.asString(),
                "--ack-timeout", ackTimeout, "--once",
                "--bootstrap-servers", bootstrap, "--schema-registry", STACK.schemaRegistryUrl()));
        command.env = env;
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString());
    }

    @Test
    void bouncesInTheMailboxShouldBeClassifiedAndTheMailboxCleanedOnlyAfterKafkaAcknowledgedThemThroughAnOutage() throws Exception {
        String keyLine = VerpKeys.newKeyLine("it1");
        SignedVerp returnPaths = new SignedVerp(TestReturnPaths.BOUNCE_DOMAIN, VerpKeys.parse(keyLine, "test"));
        Map<String, String> env = Map.of(VerpKeys.ENV, keyLine, MailboxPassword.DEFAULT_ENV, BounceMailbox.PASSWORD);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (String id : List.of("mbx-1", "mbx-2")) {
                DeliveryEvent delivered = DeliveryEvent.newBuilder().setMessageId(id).setRecipient(id + "@example.org")
                        .setOutcome(Outcome.DELIVERED).setSmtpReplyCode(250).setAttempt(1).setTimestamp(Instant.now())
                        .setDispatcherId("it").build();
                producer.send(new ProducerRecord<>(Topics.DELIVERY_EVENTS, id, events.serializer().serialize(Topics.DELIVERY_EVENTS,
                        delivered))).get();
            }
        }
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        BounceProcessorConfig config = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                ReceiverConfig.of(returnPaths, 0)).withStateDir(stateDir).withApplicationId("mailbox-it-" + UUID.randomUUID());

        try (BounceMailbox mailbox = new BounceMailbox(); BounceProcessor processor = BounceProcessor.start(config)) {
            for (String id : List.of("mbx-1", "mbx-2")) {
                mailbox.deliver(returnPaths.returnPath(id).asString(),
                        SampleBounces.dsn(id + "@example.org", id, "5.1.1", "550 5.1.1 <" + id + "@example.org>: user unknown"));
            }

            Run down = imap(env, mailbox.imapPort(), "localhost:" + deadPort, "PT2S");
            assertThat(down.code()).as(down.out()).isEqualTo(1);
            assertThat(down.out()).contains("0 stored, 0 refused, 2 left for a later poll");
            assertThat(mailbox.flags("INBOX")).as("nothing acknowledged, nothing touched").hasSize(2);

            Run up = imap(env, mailbox.imapPort(), STACK.bootstrapServers(), "PT30S");
            assertThat(up.code()).as(up.out()).isZero();
            assertThat(up.out()).contains("2 stored, 0 refused, 0 left");
            assertThat(mailbox.flags("INBOX")).isEmpty();
            // the mailbox was cleaned after acks=all: the bounces are already in the topic
            AvroSerde<RawBounce> raw = AvroSerde.forValue(RawBounce.class, registry);
            assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.BOUNCES_RAW))
                    .filteredOn(r -> r.key().startsWith("mbx-")).hasSize(2)
                    .allSatisfy(r -> assertThat(raw.decode(r).getSource()).isEqualTo("imap:bounces@localhost/INBOX"));

            AvroSerde<Suppression> suppressions = AvroSerde.forValue(Suppression.class, registry);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(TopicReader.readAll(STACK.bootstrapServers(), Topics.SUPPRESSIONS))
                            .filteredOn(r -> r.key().startsWith("mbx-") && r.value() != null)
                            .extracting(r -> r.key() + " " + suppressions.decode(r).getSource() + " " + suppressions.decode(r).getReason())
                            .containsExactlyInAnyOrder("mbx-1@example.org BOUNCE userunknown", "mbx-2@example.org BOUNCE userunknown"));
        }
    }
}
