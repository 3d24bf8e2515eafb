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
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.webhooks.WebhooksService;
import io.mailstream.webhooks.config.WebhooksConfig;
import io.mailstream.webhooks.config.WebhooksConfigLoader;
import io.mailstream.webhooks.event.EventSources;
import io.mailstream.webhooks.sign.SignatureVerifier;
import io.mailstream.webhooks.sign.WebhookSigner;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * as bounced (not delivered) in the campaign's statistics, the webhooks post each DSN's bounce with
 * the message and campaign it was about, and a second campaign to the same list does not contact them.
 */
class BounceLoopEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";
    private static final Domain REJECTING = Domain.of("reject.bounceloop.test");
    private static final Domain DSN = Domain.of("dsn.bounceloop.test");
    private static final Domain FINE = Domain.of("fine.bounceloop.test");
    /** Accepted, then one soft DSN (mailbox full): bounced in the statistics, not suppressed, still mailed. */
    private static final Domain SOFT = Domain.of("soft.bounceloop.test");
    /** Accepted, then a delay notice (action delayed): still delivered, one deferral. */
    private static final Domain DELAY = Domain.of("delay.bounceloop.test");
    private static final String WEBHOOK_SECRET = "bounceloop-webhook-secret-0123";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @TempDir
    Path work;

    @Test
    void hardBouncesAndDsnsShouldCountAsBouncedAndSuppressExactlyThoseAddressesForTheNextCampaign() throws Exception {
        List<String> rejected = addresses(REJECTING, 4);
        List<String> dsn = addresses(DSN, 3);
        List<String> fine = addresses(FINE, 5);
        List<String> soft = addresses(SOFT, 1);
        List<String> delayed = addresses(DELAY, 1);
        Path recipients = work.resolve("recipients.csv");
        List<String> all = new ArrayList<>(rejected);
        all.addAll(dsn);
        all.addAll(fine);
        all.addAll(soft);
        all.addAll(delayed);
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
        List<JsonNode> posted = new CopyOnWriteArrayList<>();
        AtomicInteger badSignatures = new AtomicInteger();
        HttpServer receiver = webhookReceiver(posted, badSignatures);
        try (BounceProcessor bounces = BounceProcessor.start(bounceConfig);
             Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
             DeliveryTally tally = new DeliveryTally(STACK.bootstrapServers(), registry);
             WebhooksService webhooks = WebhooksService.start(webhooksConfig(registry, receiver), KafkaConnection.plaintext(
                     STACK.bootstrapServers()), registry, new SimpleMeterRegistry(), Clock.systemUTC())) {
            dispatcher.start();
            launch(registry, recipients, first);
            assertThat(tally.awaitTerminal(all.size(), Duration.ofMinutes(2))).as("first campaign done").isTrue();
            assertThat(tally.count(Outcome.BOUNCED)).isEqualTo(rejected.size());

            // the mailbox providers of the DSN domain accepted the mail, then bounced it to the VERP address
            Map<String, String> messageOf = new java.util.HashMap<>();
            for (ReceivedMessage m : STACK.sink().received()) {
                String to = m.recipients().get(0).normalized();
                String verp = m.envelopeFrom().orElseThrow();
                if (dsn.contains(to) || soft.contains(to) || delayed.contains(to)) {
                    messageOf.put(to, SignedVerp.messageIdOf(verp).orElseThrow());
                    String host = "mx." + EmailAddress.parse(to).domain().asString();
                    SampleDsn.send(bounces.smtpPort(), host, verp, dsn.contains(to) ? SampleDsn.userUnknown(host, verp, to)
                            : soft.contains(to) ? SampleDsn.mailboxFull(host, verp, to) : SampleDsn.delayed(host, verp, to));
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
                        assertThat(s.delivered()).isEqualTo(fine.size() + delayed.size());
                        assertThat(s.bounced()).isEqualTo(rejected.size() + dsn.size() + soft.size());
                        assertThat(s.bouncedAfterDelivery()).isEqualTo(dsn.size() + soft.size());
                        assertThat(s.deferred()).as("the delay notice").isEqualTo(delayed.size());
                    }));
            JsonNode status = JSON.readTree(campaignStatusJson("bounceloop-1"));
            assertThat(status.get("delivered").asLong()).isEqualTo(fine.size() + delayed.size());
            assertThat(status.get("bounced").asLong()).isEqualTo(rejected.size() + dsn.size() + soft.size());
            assertThat(status.get("bouncedAfterDelivery").asLong()).isEqualTo(dsn.size() + soft.size());
            assertThat(status.get("finishedMessages").asLong()).isEqualTo(all.size());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(JSON.readTree(campaignStatusJson("bounceloop-1")).get("state").asText())
                            .as("late bounces leave every message finished: DONE").isEqualTo("done"));

            // the webhooks: each relay-accepted message was posted delivered, then its DSN as a bounce of that
            // message and campaign (the endpoint filters on the campaign, so an event without one would not pass)
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (String a : dsn) {
                    assertThat(posted).as("bounce event of %s", a).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("bounce");
                        assertThat(e.path("recipient").asText()).isEqualTo(a);
                        assertThat(e.path("messageId").asText()).isEqualTo(messageOf.get(a));
                        assertThat(e.path("campaignId").asText()).isEqualTo("bounceloop-1");
                        assertThat(e.path("data").path("reason").asText()).isEqualTo("userunknown");
                    });
                    assertThat(posted).as("delivered event of %s", a).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("delivered");
                        assertThat(e.path("messageId").asText()).isEqualTo(messageOf.get(a));
                    });
                }
                // a single soft DSN and a delay notice suppress nobody, yet reach the webhooks (mail.received-bounces)
                for (String a : soft) {
                    assertThat(posted).as("soft bounce event of %s", a).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("bounce");
                        assertThat(e.path("recipient").asText()).isEqualTo(a);
                        assertThat(e.path("messageId").asText()).isEqualTo(messageOf.get(a));
                        assertThat(e.path("campaignId").asText()).isEqualTo("bounceloop-1");
                        assertThat(e.path("data").path("soft").asBoolean()).isTrue();
                        assertThat(e.path("data").path("reason").asText()).isEqualTo("mailboxfull");
                    });
                }
                for (String a : delayed) {
                    assertThat(posted).as("delayed event of %s", a).anySatisfy(e -> {
                        assertThat(e.path("type").asText()).isEqualTo("delayed");
                        assertThat(e.path("recipient").asText()).isEqualTo(a);
                        assertThat(e.path("messageId").asText()).isEqualTo(messageOf.get(a));
                        assertThat(e.path("campaignId").asText()).isEqualTo("bounceloop-1");
                    });
                }
            });
            // one event per bounce or delay: a hard DSN's bounce comes from its suppression only, never twice
            // (the 550s' from theirs; their `bounced` delivery events are not subscribed here)
            for (String a : all) {
                assertThat(posted.stream().filter(e -> e.path("recipient").asText().equals(a))
                        .filter(e -> !e.path("type").asText().equals("delivered")).map(e -> e.path("id").asText()).distinct())
                        .as("bounce and delay events of %s", a)
                        .hasSize(fine.contains(a) ? 0 : 1);
            }
            assertThat(badSignatures).hasValue(0);

            STACK.sink().reset();
            launch(registry, recipients, second);
            assertThat(tally.awaitTerminal(2L * all.size(), Duration.ofMinutes(2))).as("second campaign done").isTrue();
            assertThat(tally.count(Outcome.SUPPRESSED)).isEqualTo(expected.size());
            for (String a : expected) {
                assertThat(STACK.sink().count(EmailAddress.parse(a))).as("mail to suppressed %s", a).isZero();
            }
            List<String> stillMailed = new ArrayList<>(fine);
            stillMailed.addAll(soft);
            stillMailed.addAll(delayed);
            for (String a : stillMailed) {
                assertThat(STACK.sink().count(EmailAddress.parse(a))).as("mail to %s", a).isEqualTo(1);
            }
        } finally {
            receiver.stop(0);
        }
    }

    /** A receiver of the sender's own: verifies each request's signature and keeps the events. */
    private static HttpServer webhookReceiver(List<JsonNode> posted, AtomicInteger badSignatures) throws java.io.IOException {
        SignatureVerifier verifier = new SignatureVerifier(Map.of("k1", WEBHOOK_SECRET), Duration.ofMinutes(5));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (verifier.verify(ex.getRequestHeaders().getFirst(WebhookSigner.HEADER), body, Instant.now())
                    != SignatureVerifier.Result.VALID) {
                badSignatures.incrementAndGet();
                ex.sendResponseHeaders(401, -1);
            } else {
                JSON.readTree(body).forEach(posted::add);
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        server.start();
        return server;
    }

    private static WebhooksConfig webhooksConfig(SchemaRegistry registry, HttpServer receiver) {
        String yaml = """
                groupPrefix: bounceloop-it
                endpoints:
                  - name: crm
                    url: http://127.0.0.1:%d/hook
                    keyId: k1
                    secret: %s
                    events: [delivered, bounce, delayed]
                    campaigns: [bounceloop-1]
                    startFrom: earliest
                    batch: {maxEvents: 50, maxAge: 200ms}
                    retry: {initialBackoff: 200ms, maxBackoff: 1s}
                """.formatted(receiver.getAddress().getPort(), WEBHOOK_SECRET);
        return new WebhooksConfigLoader(EventSources.defaults(registry).types(), Map.of()).parse(yaml);
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
}
