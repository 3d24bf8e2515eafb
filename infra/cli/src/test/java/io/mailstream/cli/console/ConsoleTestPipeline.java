package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.cli.ops.HttpOpsServer;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.health.HealthEndpoint;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's browser tests look at, on the shared embedded stack: a bounce processor (its suppression API
 * holds {@link #SUPPRESSED}, blocked by hand), a dispatcher at 3 msg/s per domain with its ops port, a campaign of
 * the sample list being sent, and the console on them with {@code --health} naming the dispatcher. Each test
 * class names its own campaign, consumer group and Streams application, so two classes never share state.
 */
final class ConsoleTestPipeline implements AutoCloseable {
    static final String SUPPRESSED = "blocked@example.net";
    static final String SUPPRESSION_REASON = "console-it manual block";
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";
    private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(2);

    private final String campaignId;
    private final String group;
    private final KafkaConnection kafka;
    private final SchemaRegistry registry;
    private final List<AutoCloseable> running;
    private final ConsoleAssembly console;

    private ConsoleTestPipeline(String campaignId, String group, KafkaConnection kafka, SchemaRegistry registry,
                                List<AutoCloseable> running, ConsoleAssembly console) {
        this.campaignId = campaignId;
        this.group = group;
        this.kafka = kafka;
        this.registry = registry;
        this.running = running;
        this.console = console;
    }

    /**
     * Starts the services and the console and launches campaign {@code name} to {@code recipients} of the sample
     * list (4 domains, so it lasts about recipients / 12 seconds); the dispatcher's group is {@code mailstream-<name>}.
     */
    static ConsoleTestPipeline start(PipelineStack stack, Path work, String name, int recipients) throws Exception {
        Path campaign = Files.writeString(work.resolve("campaign.yaml"), """
                id: %s
                name: Console browser test
                sender:
                  address: news@example.com
                subject: "Hello {{first_name}}"
                text: "Hi {{first_name}}."
                recipients: recipients.csv
                """.formatted(name));
        SampleRecipients.write(work.resolve("recipients.csv"), recipients);
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
        KafkaConnection kafka = KafkaConnection.plaintext(stack.bootstrapServers());
        VerpKeys keys = VerpKeys.generate("t");
        String group = "mailstream-" + name;
        BounceProcessorConfig bounceConfig = BounceProcessorConfig.of(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        ReceiverConfig.of(new SignedVerp(Domain.of(BOUNCE_DOMAIN), keys), 0))
                .withStateDir(work.resolve("streams")).withApplicationId(name + "-bounces");
        DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                .bootstrapServers(stack.bootstrapServers()).schemaRegistryUrl(stack.schemaRegistryUrl())
                .dispatcherId(name + "-dispatcher").groupId(group).smtpHost(stack.smtpHost()).smtpPort(stack.smtpPort())
                .bounceDomain(BOUNCE_DOMAIN).verpKeys(keys)
                .pacing(PacingProperties.parse(Map.of("policy.default.max-per-second", "3")))
                // the campaign is cancelled when the test ends and nobody takes over the group: without this the close
                // would spend half the default 30 s delivering the buffered records at 3 msg/s
                .shutdownGracePeriod(SHUTDOWN_GRACE)
                .build();
        LaunchConfig launchConfig = LaunchConfig.of(stack.bootstrapServers(), registry).withRejectsFile(work.resolve("rejects.csv"));

        List<AutoCloseable> running = new java.util.ArrayList<>();
        try {
            BounceProcessor bounces = started(running, BounceProcessor.start(bounceConfig));
            HttpOpsServer ops = started(running, HttpOpsServer.start("dispatcher", 0));
            Dispatcher dispatcher = started(running, Dispatcher.create(dispatcherConfig, registry, Clock.systemUTC(), ops.registry()));
            ops.serveHealth(dispatcher.health());
            dispatcher.start();
            try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(), Progress.NONE)) {
                launcher.launch(campaign);
            }
            String suppressionApi = "http://127.0.0.1:" + bounces.httpPort();
            suppress(suppressionApi, SUPPRESSED, SUPPRESSION_REASON);
            // the dispatcher's ops port, as --health names it: its per-destination series reach the domains page
            ConsoleConfig config = ConsoleConfig.loopback().withSuppressions(URI.create(suppressionApi), Optional.empty())
                    .withHealth(List.of(new HealthEndpoint(name + "-dispatcher", URI.create("http://127.0.0.1:" + ops.port()))));
            ConsoleAssembly console = started(running, ConsoleAssembly.start(config, kafka, registry));
            return new ConsoleTestPipeline(name, group, kafka, registry, running, console);
        } catch (Exception | Error e) {
            closeAll(running);
            throw e;
        }
    }

    private static <T extends AutoCloseable> T started(List<AutoCloseable> running, T service) {
        running.add(service);
        return service;
    }

    String campaignId() {
        return campaignId;
    }

    /** The dispatcher's consumer group, as the lag page lists it. */
    String group() {
        return group;
    }

    /** The console's address, ending in {@code /}. */
    String consoleUrl() {
        return console.url();
    }

    KafkaConnection kafka() {
        return kafka;
    }

    SchemaRegistry registry() {
        return registry;
    }

    @Override
    public void close() throws Exception {
        closeAll(running);
    }

    /** The last started first, as try-with-resources would. */
    private static void closeAll(List<AutoCloseable> running) throws Exception {
        Exception first = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void suppress(String api, String address, String reason) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/suppressions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"" + address + "\",\"reason\":\"" + reason + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    }
}
