package io.mailstream.cli.bench;

import io.mailstream.cli.demo.DomainMix;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.cli.lag.HumanDurationConverter;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench transactional}: how long transactional mail waits while a campaign backlog
 * drains. On the embedded stack: a campaign of {@code --backlog} messages and a paused campaign of
 * {@code --paused} messages are launched into {@code mail.outbound} first; then one dispatcher and the
 * HTTP API start, and transactional requests arrive through the API at {@code --rate} per second for
 * {@code --duration}, to the same recipient domains. Latency runs from the API's 202 to the SMTP 250
 * (the dispatcher's delivery event); the campaign's rate is counted over the same window.
 */
@Command(name = "transactional", mixinStandardHelpOptions = true,
        description = "Transactional latency through the HTTP API while a campaign backlog drains and another campaign is paused.")
public final class BenchTransactionalCommand implements Callable<Integer> {
    static final String BACKLOG_CAMPAIGN = "bench-backlog";
    static final String PAUSED_CAMPAIGN = "bench-paused";
    private static final String SECRET = "bench-transactional-secret";
    private static final String SENDER_DOMAIN = "shop.mailstream.test";

    @Option(names = "--backlog", defaultValue = "1000000", description = "Campaign messages draining during the run (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--paused", defaultValue = "100000", description = "Messages of a campaign paused before the run (default: ${DEFAULT-VALUE}).")
    int paused;

    @Option(names = "--rate", defaultValue = "50", description = "Transactional requests per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "60s", converter = HumanDurationConverter.class,
            description = "How long transactional requests arrive (default: ${DEFAULT-VALUE}).")
    Duration duration;

    /**
     * As in {@code bench delivery}: one JVM hosts the broker, the registry, the API and the dispatcher, and
     * on 2 cores its JIT compiler took about 50 of the first 60 s of a cold run (JFR, docs/benchmarks.md).
     * Timed from a cold start, the campaign's rate measured the compiler, not the dispatcher.
     */
    @Option(names = "--warmup", defaultValue = "100000",
            description = "Campaign messages delivered, with transactional requests arriving at --rate, before the clock "
                    + "starts, so the run is measured on settled compiled code as bench delivery is (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-timeout", defaultValue = "PT15M",
            description = "How long the warm-up may take before the clock starts anyway (default: ${DEFAULT-VALUE}).")
    Duration warmupTimeout;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--workers", defaultValue = "32", description = "Dispatcher delivery workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--per-domain", defaultValue = "16", description = "Workers, and connections, one domain may hold (default: ${DEFAULT-VALUE}).")
    int perDomain;

    @Option(names = "--connections", defaultValue = "32", description = "SMTP connections of the dispatcher (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--timeout", defaultValue = "PT2M", description = "How long to wait after the run for the last transactional outcomes (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    /** Where the result goes; a test swaps it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (backlog < 1 || paused < 0 || rate < 1 || warmup < 0 || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--backlog and --rate must be at least 1, --paused and --warmup at least 0, "
                    + "--duration positive");
        }
        if (warmup >= backlog) {
            throw new IllegalArgumentException("--warmup (" + warmup + ") must be below --backlog (" + backlog
                    + "): the campaign must still be draining when the clock starts");
        }
        Path work = Files.createTempDirectory("mailstream-bench-tx-");
        InProcessLogLevels.quietStartupRaces();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults().withOutboundPartitions(partitions))) {
            SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
            LaunchConfig launch = LaunchConfig.of(stack.bootstrapServers(), registry).withRejectsFile(work.resolve("rejects.csv"));
            if (paused > 0) {
                System.err.printf("bench: launching the paused campaign (%,d messages)...%n", paused);
                launchCampaign(launch, work, PAUSED_CAMPAIGN, paused);
                try (CampaignStateChanger changer = CampaignStateChanger.connect(launch.cluster(), Clock.systemUTC())) {
                    changer.pause(PAUSED_CAMPAIGN);
                }
            }
            System.err.printf("bench: launching the backlog campaign (%,d messages)...%n", backlog);
            LaunchSummary launched = launchCampaign(launch, work, BACKLOG_CAMPAIGN, backlog);

            ApiConfig apiConfig = new ApiConfig(0, stack.bootstrapServers(), stack.schemaRegistryUrl(),
                    List.of(new ApiKey("bench", SECRET, Set.of(Domain.of(SENDER_DOMAIN)), TenantId.of("bench"))),
                    DomainShards.NONE, ApiConfig.DEFAULT_THREADS, ApiConfig.DEFAULT_QUEUE_CAPACITY,
                    ApiConfig.DEFAULT_MAX_BODY_BYTES, ApiConfig.DEFAULT_PUBLISH_TIMEOUT, ApiConfig.DEFAULT_IDEMPOTENCY_CACHE_SIZE,
                    ApiConfig.DEFAULT_STATUS_RETENTION, Optional.empty(), KafkaClientSettings.none());
            ProcessMeter meter = new ProcessMeter();
            try (OutcomeWatch watch = new OutcomeWatch(stack.bootstrapServers(), registry, BACKLOG_CAMPAIGN);
                 ApiServer api = ApiServer.start(apiConfig, registry, Clock.systemUTC());
                 Dispatcher dispatcher = Dispatcher.create(dispatcherConfig(stack), registry);
                 TransactionalLoad load = new TransactionalLoad(api.port(), SECRET, "codes@" + SENDER_DOMAIN,
                         ((DomainMix.RoundRobin) DomainMix.FEW).domains())) {
                dispatcher.start();
                System.err.println("bench: waiting for the campaign to start delivering...");
                long startDeadline = System.nanoTime() + timeout.toNanos();
                while (watch.campaignDelivered() == 0 && System.nanoTime() < startDeadline) {
                    watch.poll(Duration.ofMillis(200));
                }
                if (watch.campaignDelivered() == 0) {
                    // Measured anyway: what transactional mail gets when the campaign does not move is the point.
                    System.err.printf("bench: the campaign delivered nothing within %s (is the dispatcher's buffer full of the "
                            + "paused campaign's records?); sending the transactional requests anyway%n", timeout);
                }
                warmUp(watch, api.port());
                System.err.printf(Locale.ROOT, "bench: %d transactional requests/s for %s while the backlog drains...%n", rate, duration);
                meter.start();
                Instant start = Instant.now();
                Thread loader = Thread.ofPlatform().name("bench-transactional").start(() -> {
                    try {
                        load.run(rate, duration);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                while (loader.isAlive()) {
                    watch.poll(Duration.ofMillis(100));
                }
                Instant end = Instant.now();
                meter.stop();
                Map<String, Instant> accepted = load.accepted();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (!allDelivered(watch, accepted) && System.nanoTime() < deadline) {
                    watch.poll(Duration.ofMillis(200));
                }
                long[] latencies = accepted.entrySet().stream()
                        .filter(e -> watch.deliveredAt(e.getKey()) != null)
                        .mapToLong(e -> Math.max(0, Duration.between(e.getValue(), watch.deliveredAt(e.getKey())).toMillis()))
                        .toArray();
                double seconds = Duration.between(start, end).toMillis() / 1000.0;
                long campaignInWindow = watch.campaignDeliveredBetween(start, end);
                TransactionalBenchResult result = new TransactionalBenchResult(launched.published(), paused, rate, seconds,
                        load.requested(), accepted.size(), load.refused(), latencies.length,
                        watch.transactionalFailed(), LatencySummary.of(latencies), campaignInWindow / seconds,
                        watch.campaignDelivered(), meter.cpuSeconds(), meter.jitCpuSeconds(), warmup);
                if (load.refused() > 0) {
                    System.err.println("bench: requests not accepted, by reason: " + load.refusals());
                }
                result.print(out, json);
                return latencies.length == accepted.size() && accepted.size() == load.requested() ? 0 : 1;
            }
        }
    }

    /**
     * Until {@code --warmup} campaign messages are delivered, transactional requests arrive at {@code --rate}
     * too (their latencies are not counted), so the API's and the reserved lane's code is compiled as well.
     */
    private void warmUp(OutcomeWatch watch, int apiPort) throws InterruptedException {
        if (warmup == 0) {
            return;
        }
        System.err.printf(Locale.ROOT, "bench: warming up: %,d campaign messages (and transactional requests at %d/s) "
                + "before the clock starts...%n", warmup, rate);
        try (TransactionalLoad warm = new TransactionalLoad(apiPort, SECRET, "codes@" + SENDER_DOMAIN,
                ((DomainMix.RoundRobin) DomainMix.FEW).domains(), "warm")) {
            Thread warmer = Thread.ofPlatform().name("bench-transactional-warmup").start(() -> {
                try {
                    warm.run(rate, Duration.ofDays(1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long deadline = System.nanoTime() + warmupTimeout.toNanos();
            while (watch.campaignDelivered() < warmup && System.nanoTime() < deadline) {
                watch.poll(Duration.ofMillis(200));
            }
            warmer.interrupt();
            warmer.join();
            if (watch.campaignDelivered() < warmup) {
                System.err.printf("bench: only %,d of %,d warm-up messages were delivered within %s; timing anyway%n",
                        watch.campaignDelivered(), warmup, warmupTimeout);
            }
        }
    }

    private static boolean allDelivered(OutcomeWatch watch, Map<String, Instant> accepted) {
        return watch.transactionalDelivered() >= accepted.size()
                && accepted.keySet().stream().allMatch(id -> watch.deliveredAt(id) != null);
    }

    /** A campaign of {@code count} sample recipients, rendered from the demo's templates, under its own id. */
    private static LaunchSummary launchCampaign(LaunchConfig launch, Path work, String id, int count) throws Exception {
        Path recipients = SampleRecipients.write(work.resolve(id + ".csv"), count);
        Path file = Files.writeString(work.resolve(id + ".yaml"), """
                id: %s
                sender:
                  name: Bench
                  address: news@mailstream.test
                subject: "Hello {{first_name}}"
                text: |
                  Hi {{first_name}} from {{city}}, this is the weekly news.
                recipients:
                  path: %s
                """.formatted(id, recipients.getFileName()));
        try (CampaignLauncher launcher = CampaignLauncher.connect(launch, Clock.systemUTC(), Progress.NONE)) {
            return launcher.launch(file);
        }
    }

    private DispatcherConfig dispatcherConfig(EmbeddedStack stack) {
        return BenchDispatcherConfig.of(stack.bootstrapServers(), stack.schemaRegistryUrl(), stack.smtpHost(), stack.smtpPort(),
                workers, perDomain, connections);
    }
}
