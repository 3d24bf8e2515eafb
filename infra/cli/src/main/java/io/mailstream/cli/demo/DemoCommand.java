package io.mailstream.cli.demo;

import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceProcessor;
import io.mailstream.bounces.BounceProcessorConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.cli.stack.SecureStackSetup;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.Progress;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a whole campaign through the embedded stack: a real KRaft broker, the schema registry and an
 * SMTP sink in this JVM; the campaign launcher publishes one event per recipient; a dispatcher
 * renders and delivers them; every outcome is read back from {@code mail.delivery-events}. A few
 * extra recipients bounce (550 at RCPT, or a DSN returned later) and the bounce processor
 * classifies and suppresses them, closing the loop.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a sample campaign end to end on the embedded stack and print a summary.")
public final class DemoCommand implements Callable<Integer> {
    private static final String BOUNCE_DOMAIN = "bounces.mailstream.test";
    private static final String BOUNCE_APPLICATION_ID = "mailstream-demo-bounce-processor";

    @Option(names = "--recipients", defaultValue = "1000", description = "Deliverable recipients in the generated list (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--bounces", defaultValue = "-1",
            description = "Extra recipients of each bouncing kind (550 at RCPT; DSN returned later); default 1 per 100 recipients, 0 for none.")
    int bounces;

    @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
    boolean json;

    @Option(names = "--campaign", description = "Campaign file (default: examples/welcome/campaign.yaml).")
    Path campaignFile;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for every outcome (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--secure", description = "Run on the secured stack: SASL_SSL (SCRAM-SHA-512) with a throw-away CA, each service "
            + "as its own user with only the ACLs of 'topics --print-acls', the registry on HTTPS with basic auth.")
    boolean secure;

    @Option(names = "--console", description = "After the summary, keep the stack up and serve the web console on it until interrupted.")
    boolean console;

    @Option(names = "--console-port", defaultValue = "8088", description = "Port of --console (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int consolePort;

    @Option(names = "--webhook", paramLabel = "URL",
            description = "Post every event of the run (outcomes, bounces, unsubscribes), signed and batched, to this URL.")
    String webhook;

    @Option(names = "--webhook-secret", paramLabel = "S", description = "The --webhook signing secret, at least 16 bytes "
            + "(default: a random one, printed); key id 'demo'. See webhooks/README.md to verify the signatures.")
    String webhookSecret;

    @Override
    public Integer call() throws Exception {
        if (webhookSecret != null && webhook == null) {
            throw new IllegalArgumentException("--webhook-secret needs --webhook URL");
        }
        if (recipients < 1) {
            throw new IllegalArgumentException("--recipients must be at least 1, was " + recipients);
        }
        Path campaign = campaignFile != null ? campaignFile : DemoFiles.defaultCampaign();
        Path work = Files.createTempDirectory("mailstream-demo-");
        BounceLoop loop = new BounceLoop(bounces >= 0 ? bounces : Math.max(1, recipients / 100));
        UnsubscribeLoop leaving = new UnsubscribeLoop(bounces >= 0 ? bounces : Math.max(1, recipients / 200));
        List<String> extra = new java.util.ArrayList<>(loop.addresses());
        extra.addAll(leaving.addresses());
        Path recipientList = SampleRecipients.write(work.resolve("recipients.csv"), recipients, extra);

        long stackStart = System.nanoTime();
        SmtpSinkConfig sink = SmtpSinkConfig.defaults()
                .withRules(List.of(SinkRule.rejectDomain(BounceLoop.REJECTING, 550, "5.1.1", "user unknown")));
        EmbeddedStackConfig stackConfig = EmbeddedStackConfig.defaults().withOutboundPartitions(partitions).withSmtp(sink);
        Optional<SecureStackSetup> secured = secure
                ? Optional.of(SecureStackSetup.generate(work.resolve("secure"), new ServiceAcls(ServiceAcls.defaults().principals(),
                        ServiceAcls.DEFAULT_DISPATCHER_GROUP, BOUNCE_APPLICATION_ID)))
                : Optional.empty();
        if (secured.isPresent()) {
            stackConfig = stackConfig.withSecurity(secured.get().stackConfig());
        }
        InProcessLogLevels.quietStartupRaces();
        InProcessLogLevels.allowTemporaryStateDir();
        try (EmbeddedStack stack = EmbeddedStack.start(stackConfig)) {
            double stackSeconds = (System.nanoTime() - stackStart) / 1e9;
            if (secured.isPresent()) {
                System.out.println("secured stack: SASL_SSL (SCRAM-SHA-512), every service as its own SCRAM user with only its ACLs, "
                        + "registry on HTTPS with basic auth");
            }
            // every service as its own user on the secured stack; the demo's own checks read as the stack's admin
            DemoServices services = new DemoServices(stack, secured);
            SchemaRegistry registry = services.registry(services.admin());
            // one process signs and verifies: a fresh key for this run, never written anywhere
            SignedVerp returnPaths = new SignedVerp(Domain.of(BOUNCE_DOMAIN), VerpKeys.generate("demo"));
            try (DemoOps ops = DemoOps.start(console);
                 BounceProcessor bounceProcessor = BounceProcessor.start(bounceProcessorConfig(services, work, returnPaths),
                         Clock.systemUTC(), ops.bounceProcessorMeters());
                 Dispatcher dispatcher = Dispatcher.create(dispatcherConfig(services, returnPaths,
                         "http://127.0.0.1:" + bounceProcessor.httpPort()), services.registry(services.as(MailstreamService.DISPATCHER)),
                         Clock.systemUTC(), ops.dispatcherMeters());
                 DeliveryTally tally = new DeliveryTally(services.admin(), registry);
                 DemoWebhook hook = webhook == null ? null : startWebhook(services)) {
                ops.serve(dispatcher.health(), bounceProcessor.health());
                dispatcher.start();
                long launchStart = System.nanoTime();
                LaunchSummary launched = launch(services, campaign, recipientList, work);
                boolean complete = tally.awaitTerminal(launched.published(), timeout);
                double wall = (System.nanoTime() - launchStart) / 1e9;

                int dsns = complete ? loop.returnDsns(launched.campaignId(), returnPaths, bounceProcessor.smtpPort()) : 0;
                Map<String, String> suppressed = complete
                        ? loop.awaitSuppressed(services.admin(), registry, Duration.ofSeconds(90))
                        : Map.of();
                complete = complete && suppressed.size() == loop.addresses().size();
                UnsubscribeLoop.Sent unsubscribed = new UnsubscribeLoop.Sent(0, 0);
                if (complete) {
                    leaving.unsubscribe(launched.campaignId(), returnPaths, "http://127.0.0.1:" + bounceProcessor.httpPort(),
                            bounceProcessor.smtpPort());
                    unsubscribed = leaving.awaitUnsubscribed(services.admin(), registry, Duration.ofSeconds(90));
                    complete = unsubscribed.viaPage() + unsubscribed.viaMailto() == leaving.addresses().size();
                }

                if (hook != null) {
                    complete = hook.awaitPosted(services.admin(), Duration.ofSeconds(120)) && complete;
                    System.out.println(hook.describe());
                }
                DemoSummary summary = new DemoSummary(launched.campaignId(), launched.rowsRead(), launched.published(),
                        launched.rejected(), launched.duplicates(),
                        tally.count(Outcome.DELIVERED), tally.count(Outcome.BOUNCED), tally.count(Outcome.SUPPRESSED),
                        tally.count(Outcome.REJECTED), tally.count(Outcome.CANCELLED), tally.count(Outcome.EXPIRED),
                        tally.deferredEvents(), tally.duplicateTerminalEvents(), stack.sink().count(),
                        dsns, suppressed, unsubscribed.viaPage(), unsubscribed.viaMailto(), stackSeconds, wall, complete);
                summary.printTable(System.out);
                if (json) {
                    System.out.println(summary.toJson());
                }
                if (console) {
                    serveConsole(services, registry, bounceProcessor.httpPort(), ops.consoleTargets(), launched.campaignId());
                }
                return complete ? 0 : 1;
            }
        }
    }

    /**
     * {@code --console}: the console on the demo's stack, with its suppression API and its services' ops ports as
     * {@code --health} targets ({@link DemoOps}), until the JVM is interrupted.
     */
    private void serveConsole(DemoServices services, SchemaRegistry registry, int suppressionApiPort,
                              List<io.mailstream.console.health.HealthEndpoint> health, String campaignId) {
        io.mailstream.console.ConsoleConfig config = new io.mailstream.console.ConsoleConfig(
                io.mailstream.console.ConsoleConfig.DEFAULT_BIND, consolePort, Optional.empty(),
                Optional.of(java.net.URI.create("http://127.0.0.1:" + suppressionApiPort)), Optional.empty(), health);
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        // the console as its own least-privilege principal on the secured stack (ServiceAcls' CONSOLE), as it would run in production
        KafkaConnection consoleKafka = secure ? services.as(MailstreamService.CONSOLE) : services.admin();
        SchemaRegistry consoleRegistry = secure ? services.registry(consoleKafka) : registry;
        Thread hook = new Thread(stop::countDown, "mailstream-demo-console-shutdown");
        try (io.mailstream.cli.console.ConsoleAssembly assembly = io.mailstream.cli.console.ConsoleAssembly.start(config,
                consoleKafka, consoleRegistry)) {
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("console: " + assembly.url() + " (campaign " + assembly.url() + "campaigns/" + campaignId
                    + "; the bounced domain is " + BounceLoop.REJECTING.asString() + "); press Ctrl-C to stop");
            System.out.flush();
            stop.await();
        } catch (InterruptedException e) {
            // an interrupt is this command's stop request when run in-process (SecureDemoIT), as Ctrl-C is from a shell:
            // the demo ends normally, closing the console, services and stack
            System.out.println("console: stopped");
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    private DemoWebhook startWebhook(DemoServices services) {
        String secret = webhookSecret;
        if (secret == null) {
            secret = DemoWebhook.randomSecret();
            System.out.println("webhook signing secret (key id " + DemoWebhook.KEY_ID + "): " + secret);
        }
        KafkaConnection kafka = services.as(MailstreamService.WEBHOOKS);
        return DemoWebhook.start(webhook, secret, kafka, services.registry(kafka));
    }

    private static LaunchSummary launch(DemoServices services, Path campaign, Path recipientList, Path work) {
        KafkaConnection campaigns = services.as(MailstreamService.CAMPAIGNS);
        LaunchConfig launchConfig = LaunchConfig.of(new ClusterConfig(campaigns, RegistryTarget.instance(services.registry(campaigns)),
                        ProducerTuning.DEFAULTS))
                .withRecipients(recipientList)
                .withRejectsFile(work.resolve("rejects.csv"));
        try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(),
                Progress.auto(Duration.ofSeconds(5)))) {
            return launcher.launch(campaign);
        }
    }

    private static DispatcherConfig dispatcherConfig(DemoServices services, SignedVerp returnPaths, String unsubscribeBase) {
        EmbeddedStack stack = services.stack();
        return DispatcherConfig.builder()
                .kafkaSettings(services.as(MailstreamService.DISPATCHER).settings())
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistryUrl(stack.schemaRegistryUrl())
                .dispatcherId(DemoOps.DISPATCHER)
                .smtpHost(stack.smtpHost())
                .smtpPort(stack.smtpPort())
                .bounceDomain(BOUNCE_DOMAIN)
                .verpKeys(returnPaths.keys())
                .unsubscribeBaseUrl(unsubscribeBase)
                .build();
    }

    private static BounceProcessorConfig bounceProcessorConfig(DemoServices services, Path work, SignedVerp returnPaths) {
        EmbeddedStack stack = services.stack();
        ReceiverConfig receiver = new ReceiverConfig("127.0.0.1", 0, "localhost", returnPaths, Set.of(),
                ReceiverConfig.DEFAULT_MAX_MESSAGE_BYTES, ReceiverConfig.DEFAULT_ACK_TIMEOUT,
                ReceiverConfig.DEFAULT_MAX_CONNECTIONS);
        return BounceProcessorConfig.of(services.as(MailstreamService.BOUNCE_PROCESSOR), stack.schemaRegistryUrl(), receiver)
                .withStateDir(work.resolve("bounce-processor-state"))
                .withApplicationId(BOUNCE_APPLICATION_ID);
    }
}
