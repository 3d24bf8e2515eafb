package io.mailstream.cli.demo;

import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a whole campaign through the embedded stack: a real KRaft broker, the schema registry and an
 * SMTP sink in this JVM; the campaign launcher publishes one event per recipient; a dispatcher
 * renders and delivers them; every outcome is read back from {@code mail.delivery-events}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a sample campaign end to end on the embedded stack and print a summary.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--recipients", defaultValue = "1000", description = "Recipients in the generated list (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
    boolean json;

    @Option(names = "--campaign", description = "Campaign file (default: examples/welcome/campaign.yaml).")
    Path campaignFile;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for every outcome (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        if (recipients < 1) {
            throw new IllegalArgumentException("--recipients must be at least 1, was " + recipients);
        }
        Path campaign = campaignFile != null ? campaignFile : DemoFiles.defaultCampaign();
        Path work = Files.createTempDirectory("mailstream-demo-");
        Path recipientList = SampleRecipients.write(work.resolve("recipients.csv"), recipients, null, 0);

        long stackStart = System.nanoTime();
        EmbeddedStackConfig stackConfig = EmbeddedStackConfig.defaults().withOutboundPartitions(partitions);
        try (EmbeddedStack stack = EmbeddedStack.start(stackConfig)) {
            double stackSeconds = (System.nanoTime() - stackStart) / 1e9;
            SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
            DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                    .bootstrapServers(stack.bootstrapServers())
                    .schemaRegistryUrl(stack.schemaRegistryUrl())
                    .dispatcherId("demo-dispatcher-1")
                    .smtpHost(stack.smtpHost())
                    .smtpPort(stack.smtpPort())
                    .bounceDomain("bounces.mailstream.test")
                    .build();
            long launchStart;
            LaunchSummary launched;
            try (Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
                 DeliveryTally tally = new DeliveryTally(stack.bootstrapServers(), registry)) {
                dispatcher.start();
                launchStart = System.nanoTime();
                LaunchConfig launchConfig = LaunchConfig.of(stack.bootstrapServers(), registry)
                        .withRecipients(recipientList)
                        .withRejectsFile(work.resolve("rejects.csv"));
                try (CampaignLauncher launcher = CampaignLauncher.connect(launchConfig, Clock.systemUTC(),
                        Progress.auto(Duration.ofSeconds(5)))) {
                    launched = launcher.launch(campaign);
                }
                boolean complete = tally.awaitTerminal(launched.published(), timeout);
                double wall = (System.nanoTime() - launchStart) / 1e9;
                DemoSummary summary = new DemoSummary(launched.campaignId(), launched.rowsRead(), launched.published(),
                        launched.rejected(), launched.duplicates(),
                        tally.count(Outcome.DELIVERED), tally.count(Outcome.BOUNCED), tally.count(Outcome.SUPPRESSED),
                        tally.count(Outcome.REJECTED), tally.count(Outcome.CANCELLED), tally.count(Outcome.EXPIRED),
                        tally.deferredEvents(), tally.duplicateTerminalEvents(), stack.sink().count(),
                        stackSeconds, wall, complete);
                summary.printTable(System.out);
                if (json) {
                    System.out.println(summary.toJson());
                }
                return complete ? 0 : 1;
            }
        }
    }
}
