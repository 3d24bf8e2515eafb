package io.mailstream.cli.bench;

import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.Compression;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench launch}: launches a generated list into the embedded broker and reports
 * events/s (published and acknowledged), peak heap and the broker's disk use (log segments, the
 * warm-up campaign's included). The list is written before the clock starts;
 * the stack shares the JVM, so run it with {@code -Xmx256m} to prove the whole launch fits.
 */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = "Launch N generated recipients into the embedded broker; print events/s, peak heap and broker disk use.")
public final class BenchLaunchCommand implements Callable<Integer> {
    /** A campaign whose variables are the generated list's columns; the bench does not depend on examples/. */
    private static final String CAMPAIGN = """
            id: bench-launch
            name: Launch benchmark
            sender:
              name: Bench
              address: bench@mailstream.test
            subject: "Hello {{first_name}}"
            text: "Hi {{first_name}} from {{city}}."
            recipients: recipients.csv
            """;

    @Option(names = "--recipients", defaultValue = "1000000", description = "Recipients to launch (default: ${DEFAULT-VALUE}).")
    int recipients;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of mail.outbound (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--warmup", defaultValue = "200000",
            description = "Recipients launched first, unmeasured, as another campaign, so the JIT has compiled the hot paths (default: ${DEFAULT-VALUE}; 0 = none).")
    int warmup;

    @Option(names = "--compression", defaultValue = "lz4", description = "Producer compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        if (recipients < 1) {
            throw new IllegalArgumentException("--recipients must be at least 1, was " + recipients);
        }
        Path work = Files.createTempDirectory("mailstream-bench-launch-");
        try {
            Path campaign = Files.writeString(work.resolve("campaign.yaml"), CAMPAIGN);
            SampleRecipients.write(work.resolve("recipients.csv"), recipients);
            Path warmupCampaign = null;
            if (warmup > 0) {
                Path warmupDir = Files.createDirectories(work.resolve("warmup"));
                warmupCampaign = Files.writeString(warmupDir.resolve("campaign.yaml"), CAMPAIGN.replace("id: bench-launch", "id: bench-warmup"));
                SampleRecipients.write(warmupDir.resolve("recipients.csv"), warmup);
            }
            LaunchBenchResult result = run(campaign, warmupCampaign, work);
            result.printTable(out);
            if (json) {
                out.println(result.toJson());
            }
            return result.uniqueRecipients() == recipients ? 0 : 1;
        } finally {
            deleteTree(work);
        }
    }

    private LaunchBenchResult run(Path campaign, Path warmupCampaign, Path work) {
        InProcessLogLevels.quietStartupRaces();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults().withOutboundPartitions(partitions))) {
            SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
            LaunchConfig config = LaunchConfig.of(stack.bootstrapServers(), registry)
                    .withRejectsFile(work.resolve("rejects.csv"));
            config = config.withTuning(new ProducerTuning(ProducerTuning.DEFAULTS.batchSizeBytes(),
                    ProducerTuning.DEFAULTS.linger(), Compression.parse(compression),
                    ProducerTuning.DEFAULTS.bufferMemoryBytes(), ProducerTuning.DEFAULTS.maxBlock(),
                    ProducerTuning.DEFAULTS.deliveryTimeout(), ProducerTuning.DEFAULTS.requestTimeout()));
            if (warmupCampaign != null) {
                try (CampaignLauncher launcher = CampaignLauncher.connect(config.withRejectsFile(work.resolve("warmup-rejects.csv")),
                        Clock.systemUTC(), Progress.NONE)) {
                    launcher.launch(warmupCampaign);
                }
            }
            HeapPeak heap = new HeapPeak();
            LiveHeapAfterGc live = new LiveHeapAfterGc();
            // A collection first, so the peak is the launch's, not leftovers of the stack's start;
            // its after-GC figure (the stack's own live heap) is the after-GC measurement's floor.
            live.reset();
            System.gc();
            heap.reset();
            long start = System.nanoTime();
            LaunchSummary summary;
            try (CampaignLauncher launcher = CampaignLauncher.connect(config, Clock.systemUTC(),
                    Progress.auto(Duration.ofSeconds(5)))) {
                summary = launcher.launch(campaign);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            live.close();
            return new LaunchBenchResult(recipients, summary.published(), summary.uniqueRecipients(), seconds,
                    heap.peakBytes(), live.peakBytes(), HeapPeak.maxHeapBytes(), partitions,
                    BrokerDisk.logSegmentBytes(stack.kafka().logDir()));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
