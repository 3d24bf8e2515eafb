package io.mailstream.cli.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.cli.CampaignStatusCommand;
import io.mailstream.avro.Suppression;
import io.mailstream.cli.demo.SampleDsn;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.suppress.SuppressionTopic;
import io.mailstream.cli.demo.DeliveryTally;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The bounce loop closed on the real stack: a campaign's recipients at one domain are refused with
 * 550 by the SMTP sink (the dispatcher's BOUNCED events), others' DSNs come back through the bounce
 * receiver, the bounce processor suppresses exactly those addresses and counts the DSN'd messages
 * as bounced (not delivered) in the campaign's statistics, and a second campaign to the same list
 * does not contact them.
 */
class BounceLoopEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";
    private static final Domain REJECTING = Domain.of("reject.bounceloop.test");
    private static final Domain DSN = Domain.of("dsn.bounceloop.test");
    private static final Domain FINE = Domain.of("fine.bounceloop.test");

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void hardBouncesAndDsnsShouldCountAsBouncedAndSuppressExactlyThoseAddressesForTheNextCampaign() throws Exception {
        List<String> rejected = addresses(REJECTING, 4);
        List<String> dsn = addresses(DSN, 3);
        List<String> fine = addresses(FINE, 5);
        Path recipients = work.resolve("recipients.csv");
        List<String> all = new ArrayList<>(rejected);
        all.addAll(dsn);
        all.addAll(fine);
        Files.writeString(recipients, "email,first_name,city\n"
                + all.stream().map(a -> a + ",Ada,Oslo").collect(Collectors.joining("\n")) + "\n");
        Path first = campaign("bounceloop-1");
        Path second = campaign("bounceloop-2");
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();
        STACK.sink().addRule(SinkRule.rejectDomain(REJECTING, 550, "5.1.1", "user unknown"));

        VerpKeys keys = VerpKeys.generate("t"); // the dispatcher signs, the receiver verifies: the same keys
        BounceProcessorConfig bounceConfig = BounceProcessorConfig.of(STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                        ReceiverConfig.of(new SignedVerp(Domain.of(BOUNCE_DOMAIN), keys), 0))
                .withStateDir(work.resolve("streams"))
                .withApplicationId("bounceloop-it");
        DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("bounceloop-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain(BOUNCE_DOMAIN).verpKeys(keys)
                .build();
        try (BounceProcessor bounces = BounceProcessor.start(bounceConfig);
             Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
             DeliveryTally tally = new DeliveryTally(STACK.bootstrapServers(), registry)) {
            dispatcher.start();
            launch(registry, recipients, first);
            assertThat(tally.awaitTerminal(all.size(), Duration.ofMinutes(2))).as("first campaign done").isTrue();
            assertThat(tally.count(Outcome.BOUNCED)).isEqualTo(rejected.size());

            // the mailbox providers of the DSN domain accepted the mail, then bounced it to the VERP address
            for (ReceivedMessage m : STACK.sink().received()) {
                String to = m.recipients().get(0).normalized();
                if (dsn.contains(to)) {
                    sendDsn(bounces.smtpPort(), m.envelopeFrom().orElseThrow(), to);
                }
            }

            Set<String> expected = new HashSet<>(rejected);
            expected.addAll(dsn);
            SuppressionTopic topic = new SuppressionTopic(STACK.bootstrapServers(), AvroSerde.forValue(Suppression.class, registry));
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(topic.snapshot().keySet().stream().filter(k -> k.endsWith(".bounceloop.test")))
                            .containsExactlyInAnyOrderElementsOf(expected));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    expected.stream().allMatch(a -> dispatcher.suppressions().find(EmailAddress.parse(a)).isPresent()));

            // the relay-accepted mail that bounced by DSN counts as bounced, not delivered: in the
            // bounce processor's own statistics (what DONE is judged on) and in `campaign status --json`
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(bounces.campaignStats("bounceloop-1"))
                    .hasValueSatisfying(s -> {
                        assertThat(s.delivered()).isEqualTo(fine.size());
                        assertThat(s.bounced()).isEqualTo(rejected.size() + dsn.size());
                        assertThat(s.bouncedAfterDelivery()).isEqualTo(dsn.size());
                    }));
            JsonNode status = JSON.readTree(campaignStatusJson("bounceloop-1"));
            assertThat(status.get("delivered").asLong()).isEqualTo(fine.size());
            assertThat(status.get("bounced").asLong()).isEqualTo(rejected.size() + dsn.size());
            assertThat(status.get("bouncedAfterDelivery").asLong()).isEqualTo(dsn.size());
            assertThat(status.get("finishedMessages").asLong()).isEqualTo(all.size());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(JSON.readTree(campaignStatusJson("bounceloop-1")).get("state").asText())
                            .as("late bounces leave every message finished: DONE").isEqualTo("done"));

            STACK.sink().reset();
            launch(registry, recipients, second);
            assertThat(tally.awaitTerminal(2L * all.size(), Duration.ofMinutes(2))).as("second campaign done").isTrue();
            assertThat(tally.count(Outcome.SUPPRESSED)).isEqualTo(expected.size());
            for (String a : expected) {
                assertThat(STACK.sink().count(EmailAddress.parse(a))).as("mail to suppressed %s", a).isZero();
            }
            for (String a : fine) {
                assertThat(STACK.sink().count(EmailAddress.parse(a))).as("mail to %s", a).isEqualTo(1);
            }
        }
    }

    private static String campaignStatusJson(String campaignId) {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new CampaignStatusCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(campaignId, "--json", "--bootstrap-servers", STACK.bootstrapServers(),
                        "--schema-registry", STACK.schemaRegistryUrl());
        assertThat(code).as("campaign status: %s", out).isZero();
        String text = out.toString().strip();
        return text.substring(text.lastIndexOf('\n') + 1);
    }

    private void launch(SchemaRegistry registry, Path recipients, Path campaign) throws Exception {
        LaunchConfig launch = LaunchConfig.of(STACK.bootstrapServers(), registry)
                .withRecipients(recipients)
                .withRejectsFile(work.resolve(campaign.getFileName() + ".rejects.csv"));
        try (CampaignLauncher launcher = CampaignLauncher.connect(launch, Clock.systemUTC(), Progress.NONE)) {
            launcher.launch(campaign);
        }
    }

    private Path campaign(String id) throws Exception {
        String yaml = Files.readString(Path.of("..", "..", "examples", "welcome", "campaign.yaml"))
                .replace("id: welcome-2026-01", "id: " + id);
        return Files.writeString(work.resolve(id + ".yaml"), yaml);
    }

    private static List<String> addresses(Domain domain, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("user" + i + "@" + domain.asString());
        }
        return out;
    }

    /** A DSN (RFC 3464) to the VERP return path, as the recipient's provider would send it. */
    private static void sendDsn(int port, String verp, String recipient) throws Exception {
        String host = "mx." + DSN.asString();
        SampleDsn.send(port, host, verp, SampleDsn.userUnknown(host, verp, recipient));
    }
}
