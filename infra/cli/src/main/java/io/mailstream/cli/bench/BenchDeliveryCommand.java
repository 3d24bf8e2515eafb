package io.mailstream.cli.bench;

import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DeliveryTally;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench delivery}: how fast the dispatcher empties a backlog. A campaign of
 * {@code --messages} recipients is launched into {@code mail.outbound} of the embedded stack first;
 * then a dispatcher is started and timed until every message has its terminal event. Next to it,
 * the raw rate of the same SMTP sink driven by a minimal client over as many reused connections.
 * CPU and heap are the whole process's (broker, registry and sink included).
 */
@Command(name = "delivery", mixinStandardHelpOptions = true,
        description = "Deliver N messages from Kafka to the local SMTP sink and compare with the raw SMTP rate.")
public final class BenchDeliveryCommand implements Callable<Integer> {
    /** How late the clock may stop: the tally's fetches wait up to this for a batch of events. */
    private static final Duration TALLY_BATCH_WAIT = Duration.ofMillis(100);

    @Option(names = "--messages", defaultValue = "200000", description = "Messages to deliver (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--raw-messages", defaultValue = "50000", description = "Messages for the raw SMTP run (default: ${DEFAULT-VALUE}).")
    int rawMessages;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--workers", defaultValue = "8", description = "Dispatcher delivery workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--per-domain", defaultValue = "2", description = "Workers one domain may hold (default: ${DEFAULT-VALUE}).")
    int perDomain;

    @Option(names = "--connections", defaultValue = "8",
            description = "SMTP connections, for the dispatcher's pool and the raw client (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--campaign", description = "Campaign file to render (default: examples/welcome/campaign.yaml).")
    Path campaignFile;

    /** Where the result goes; a test swaps it. */
    PrintStream out = System.out;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "How long to wait for every outcome (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || rawMessages < 1) {
            throw new IllegalArgumentException("--messages and --raw-messages must be at least 1");
        }
        Path work = Files.createTempDirectory("mailstream-bench-");
        Path recipients = SampleRecipients.write(work.resolve("recipients.csv"), messages);
        Path campaign = campaignFile != null ? campaignFile : io.mailstream.cli.demo.DemoFiles.defaultCampaign();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults().withOutboundPartitions(partitions))) {
            SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
            DispatcherConfig config = DispatcherConfig.builder()
                    .bootstrapServers(stack.bootstrapServers())
                    .schemaRegistryUrl(stack.schemaRegistryUrl())
                    .dispatcherId("bench-dispatcher")
                    .smtpHost(stack.smtpHost())
                    .smtpPort(stack.smtpPort())
                    .bounceDomain("bounces.mailstream.test")
                    .engine(DeliverySettings.defaults()
                            .withEngine(new EngineSettings(workers, perDomain, EngineSettings.DEFAULT_MAX_BUFFERED_PER_PARTITION,
                                    EngineSettings.DEFAULT_MAX_BUFFERED, EngineSettings.DEFAULT_COMMIT_INTERVAL))
                            .withPool(new PoolSettings(connections, PoolSettings.DEFAULT_MAX_MESSAGES_PER_CONNECTION,
                                    PoolSettings.DEFAULT_IDLE_TIMEOUT)))
                    .build();

            System.err.printf(Locale.ROOT, "bench: dispatcher with %d workers, %d per domain, %d connections%n",
                    workers, perDomain, connections);
            System.err.printf("bench: raw SMTP, %d messages over %d connections...%n", rawMessages, connections);
            ProcessMeter rawMeter = new ProcessMeter();
            rawMeter.start();
            double rawRate = RawSmtpClient.rate(stack.smtpHost(), stack.smtpPort(), connections, rawMessages, sample());
            rawMeter.stop();
            // The ceiling on 2 cores: what the sink and a minimal client alone cost per message.
            double rawCpuPer1000 = rawMeter.cpuSeconds() / (rawMessages / 1000.0);
            stack.sink().reset();

            System.err.printf("bench: launching %d messages into mail.outbound...%n", messages);
            LaunchSummary launched;
            try (CampaignLauncher launcher = CampaignLauncher.connect(LaunchConfig.of(stack.bootstrapServers(), registry)
                    .withRecipients(recipients).withRejectsFile(work.resolve("rejects.csv")), Clock.systemUTC(), Progress.NONE)) {
                launched = launcher.launch(campaign);
            }

            System.err.printf("bench: delivering %d messages...%n", launched.published());
            ProcessMeter meter = new ProcessMeter();
            boolean complete;
            int delivered;
            int duplicates;
            try (DeliveryTally tally = DeliveryTally.batched(stack.bootstrapServers(), registry, TALLY_BATCH_WAIT);
                 Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                meter.start();
                dispatcher.start();
                complete = tally.awaitTerminal(launched.published(), timeout);
                meter.stop();
                delivered = tally.count(Outcome.DELIVERED);
                duplicates = tally.duplicateTerminalEvents();
            }
            long peakHeap = ProcessMeter.peakHeapBytes();
            double rate = launched.published() / meter.wallSeconds();
            double cpuPer1000 = meter.cpuSeconds() / (launched.published() / 1000.0);
            print(launched.published(), delivered, duplicates, stack.sink().count(), meter.wallSeconds(), rate, rawRate,
                    connections, cpuPer1000, rawCpuPer1000, peakHeap);
            return complete ? 0 : 1;
        }
    }

    private void print(long published, int delivered, int duplicates, long sinkCount, double seconds, double rate,
                       double rawRate, int connections, double cpuPer1000, double rawCpuPer1000, long peakHeap) {
        out.printf(Locale.ROOT, "%-34s %,d%n", "messages", published);
        out.printf(Locale.ROOT, "%-34s %,d%n", "delivered", delivered);
        out.printf(Locale.ROOT, "%-34s %,d%n", "duplicate terminal events", duplicates);
        out.printf(Locale.ROOT, "%-34s %,d%n", "accepted by the sink", sinkCount);
        out.printf(Locale.ROOT, "%-34s %.1f%n", "seconds", seconds);
        out.printf(Locale.ROOT, "%-34s %,.0f%n", "dispatcher messages/s", rate);
        out.printf(Locale.ROOT, "%-34s %,.0f%n", "raw SMTP messages/s (" + connections + " conns)", rawRate);
        out.printf(Locale.ROOT, "%-34s %.0f%%%n", "dispatcher / raw", 100 * rate / rawRate);
        out.printf(Locale.ROOT, "%-34s %.3f%n", "CPU s per 1000 messages (process)", cpuPer1000);
        out.printf(Locale.ROOT, "%-34s %.3f%n", "raw CPU s per 1000 messages", rawCpuPer1000);
        out.printf(Locale.ROOT, "%-34s %,d MiB%n", "peak heap", peakHeap / (1024 * 1024));
        if (json) {
            out.printf(Locale.ROOT, "{\"messages\":%d,\"delivered\":%d,\"duplicates\":%d,\"sinkAccepted\":%d,"
                            + "\"seconds\":%.3f,\"messagesPerSecond\":%.1f,\"rawSmtpMessagesPerSecond\":%.1f,\"rawConnections\":%d,"
                            + "\"ratioToRaw\":%.3f,\"cpuSecondsPer1000\":%.4f,\"rawCpuSecondsPer1000\":%.4f,\"peakHeapBytes\":%d}%n",
                    published, delivered, duplicates, sinkCount, seconds, rate, rawRate, connections, rate / rawRate,
                    cpuPer1000, rawCpuPer1000, peakHeap);
        }
    }

    /** A message of about the size the demo campaign renders (~2 KB). */
    private static byte[] sample() {
        StringBuilder b = new StringBuilder();
        b.append("From: Bench <bench@mailstream.test>\r\nTo: raw@example.com\r\nSubject: raw SMTP reference\r\n")
                .append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
        while (b.length() < 2048) {
            b.append("The quick brown fox jumps over the lazy dog, again and again, for the benchmark.\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
