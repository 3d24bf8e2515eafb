package io.mailstream.cli.bench;

import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DeliveryTally;
import io.mailstream.cli.demo.DomainMix;
import io.mailstream.cli.demo.SampleRecipients;
import io.mailstream.cli.lag.HumanDurationConverter;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.consume.EventAckWindow;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.embedded.smtp.SinkLatency;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
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
import java.util.List;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench delivery}: how fast the dispatcher empties a backlog. A campaign of
 * {@code --warmup} + {@code --messages} recipients is launched into {@code mail.outbound} of the
 * embedded stack first; then a dispatcher is started, and timed from the {@code --warmup}-th
 * terminal event to the last, so the measured messages run on compiled code as a dispatcher that
 * has been up for a while does. Next to it, the raw rate of the same SMTP sink driven by a
 * minimal client over as many reused connections, warmed up the same way and timed once before
 * and once after the dispatcher; the ratio is taken against the faster of the two. CPU and heap
 * are the whole process's (broker, registry and sink included).
 */
@Command(name = "delivery", mixinStandardHelpOptions = true,
        description = "Deliver N messages from Kafka to the local SMTP sink and compare with the raw SMTP rate.")
public final class BenchDeliveryCommand implements Callable<Integer> {
    /** How late the clock may stop: the tally's fetches wait up to this for a batch of events. */
    private static final Duration TALLY_BATCH_WAIT = Duration.ofMillis(100);

    @Option(names = "--messages", defaultValue = "200000", description = "Messages to deliver (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--raw-messages", defaultValue = "50000",
            description = "Messages for each timed raw SMTP run, before and after the dispatcher; 0 skips them, as does "
                    + "--latency or --data-latency (default: ${DEFAULT-VALUE}).")
    int rawMessages;

    @Option(names = "--workload", defaultValue = "uniform",
            description = "Recipient domains: uniform (4 domains in turn) or domains (1 000 domains, a few providers take "
                    + "most of the list, a Zipf long tail) (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--site-cap", paramLabel = "SITE=MSG_PER_S",
            description = "With --workload domains: route the list by site (the stand-in providers, and the 992 long-tail "
                    + "domains as the customers of one hosting MX, site 'tail': an MX rollup), give SITE a traffic policy of "
                    + "MSG_PER_S (its deliveries in flight: --per-domain), and check that the cap held at the sink (exit 1 if not; "
                    + "the sink then keeps every message: keep --messages small). "
                    + "Sites: google, microsoft, yahoo, apple, gmx, orange, mailru, tail. Repeatable.")
    Map<String, Integer> siteCaps = new java.util.LinkedHashMap<>();

    @Option(names = "--smtp", paramLabel = "HOST:PORT",
            description = "Deliver to this SMTP server (e.g. Postfix smtp-sink) instead of the embedded sink; the raw runs "
                    + "and smtp-source (when installed) are timed against it too.")
    String smtp;

    @Option(names = "--separate-jvm",
            description = "Run the dispatcher in its own JVM (mailstream dispatcher …), as deployed; the bench's JVM keeps "
                    + "the broker, the registry and the sink. Reports the dispatcher process's own CPU and peak memory.")
    boolean separateJvm;

    @Option(names = "--dispatcher-heap", defaultValue = "1g",
            description = "-Xmx of the dispatcher's JVM with --separate-jvm (default: ${DEFAULT-VALUE}).")
    String dispatcherHeap;

    @Option(names = "--latency", converter = HumanDurationConverter.class,
            description = "The sink answers MAIL, RCPT and the end of DATA after this delay (e.g. 20ms), as a distant receiver does.")
    Duration latency;

    @Option(names = "--data-latency", converter = HumanDurationConverter.class,
            description = "The sink answers the end of DATA after this extra delay (e.g. 250ms, 1s), as Gmail or Outlook do.")
    Duration dataLatency;

    /**
     * One JVM hosts the broker, the sink, the registry and the dispatcher: on 2 cores its one C2
     * thread still had hundreds of methods queued 50 000 messages in, and profiled tier-3 code
     * cost the workers twice their settled CPU. 200 000 lets it settle; "JIT compiler CPU s" in
     * the result shows whether it did.
     */
    @Option(names = "--warmup", defaultValue = "200000",
            description = "Messages the dispatcher delivers before its clock starts, so it is measured on settled compiled "
                    + "code as a long-running dispatcher is; the raw client warms up with up to --raw-messages "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the outbound topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--workers", defaultValue = "32", description = "Dispatcher delivery workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--per-domain", defaultValue = "16",
            description = "Workers, and connections, one domain may hold (default: ${DEFAULT-VALUE}).")
    int perDomain;

    @Option(names = "--unacknowledged-events-per-worker", defaultValue = "" + EventAckWindow.DEFAULT,
            description = "Delivery events of one worker that may await their acknowledgement when it starts its next"
                    + " transaction: the crash window is workers x (1 + this) (default: ${DEFAULT-VALUE}).")
    int unacknowledgedEventsPerWorker;

    @Option(names = "--connections", defaultValue = "32",
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

    private static final int SITES_SHOWN = 9;

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || rawMessages < 0 || warmup < 0) {
            throw new IllegalArgumentException("--messages must be at least 1, --raw-messages and --warmup at least 0");
        }
        Map<String, String> sitePolicies = sitePolicies();
        SinkLatency sinkLatency = new SinkLatency(latency == null ? Duration.ZERO : latency,
                dataLatency == null ? Duration.ZERO : dataLatency);
        // The raw client's few connections against a slow sink would take hours and compare nothing:
        // with latency, compare with this build's zero-latency run instead (docs/benchmarks.md).
        boolean rawRuns = rawMessages > 0 && sinkLatency.isNone();
        Path work = Files.createTempDirectory("mailstream-bench-");
        Path recipients = SampleRecipients.write(work.resolve("recipients.csv"), warmup + messages, List.of(),
                DomainMix.named(workload));
        Path campaign = campaignFile != null ? campaignFile : io.mailstream.cli.demo.DemoFiles.defaultCampaign();
        InProcessLogLevels.quietStartupRaces();
        // with --site-cap the sink keeps what it accepted (a few KB each: keep such runs small), to time arrivals per site
        SmtpSinkConfig sink = sitePolicies.isEmpty() ? SmtpSinkConfig.defaults()
                : new SmtpSinkConfig(0, "localhost", true, warmup + messages, List.of());
        EmbeddedStackConfig stackConfig = EmbeddedStackConfig.defaults().withOutboundPartitions(partitions)
                .withSmtp(sink.withLatency(sinkLatency));
        try (EmbeddedStack stack = EmbeddedStack.start(stackConfig)) {
            BenchReceiver receiver = smtp != null ? BenchReceiver.external(smtp)
                    : BenchReceiver.embedded(stack.sink(), stack.smtpHost(), stack.smtpPort());
            SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl()));
            DispatcherConfig config = BenchDispatcherConfig.of(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                    receiver.host(), receiver.port(), workers, perDomain, connections, sitePolicies,
                    new EventAckWindow(unacknowledgedEventsPerWorker));

            System.err.printf(Locale.ROOT, "bench: dispatcher with %d workers, %d per domain, %d connections to %s; sink latency %s, "
                    + "end of DATA %s%n", workers, perDomain, connections, receiver, sinkLatency.command(), sinkLatency.data());
            RawRun rawBefore = rawRuns ? raw(receiver, "before", Math.min(warmup, rawMessages)) : RawRun.SKIPPED;

            System.err.printf("bench: launching %d messages (%d to warm up) into mail.outbound...%n", warmup + messages, warmup);
            LaunchSummary launched;
            try (CampaignLauncher launcher = CampaignLauncher.connect(LaunchConfig.of(stack.bootstrapServers(), registry)
                    .withRecipients(recipients).withRejectsFile(work.resolve("rejects.csv")), Clock.systemUTC(), Progress.NONE)) {
                if (siteCaps.isEmpty()) {
                    launched = launcher.launch(campaign);
                } else {
                    try (var sites = BenchSites.resolver((DomainMix.Skewed) DomainMix.named(workload))) {
                        launched = launcher.launch(campaign, sites);
                    }
                }
            }
            long measured = launched.published() - warmup;

            System.err.printf("bench: delivering %d messages, the clock running after the first %d...%n",
                    launched.published(), warmup);
            ProcessMeter meter = new ProcessMeter();
            boolean complete;
            InFlightSampler inFlight;
            int delivered;
            int duplicates;
            DispatcherProcess dispatcherProcess = DispatcherProcess.IN_THIS_JVM;
            Instant timedFrom;
            Instant timedTo;
            SiteRates siteRates;
            List<SiteCaps.Check> capChecks;
            try (DeliveryTally tally = DeliveryTally.batched(stack.bootstrapServers(), registry, TALLY_BATCH_WAIT);
                 AutoCloseable dispatcher = startDispatcher(stack, config, registry, receiver, work)) {
                complete = tally.awaitTerminal(warmup, timeout);
                meter.start();
                timedFrom = Instant.now();
                double dispatcherCpuAtStart = dispatcher instanceof SeparateDispatcher sd ? sd.cpuSeconds() : Double.NaN;
                System.err.printf("bench: warm-up done, clock running for the next %d messages...%n", measured);
                try (InFlightSampler sampler = new InFlightSampler(receiver::transactionsInFlight)) {
                    complete = complete && tally.awaitTerminal(launched.published(), timeout);
                    meter.stop();
                    timedTo = Instant.now();
                    inFlight = sampler;
                }
                if (dispatcher instanceof SeparateDispatcher sd) {
                    dispatcherProcess = new DispatcherProcess(dispatcherHeap, sd.peakResidentBytes(),
                            sd.cpuSeconds() - dispatcherCpuAtStart);
                }
                delivered = tally.count(Outcome.DELIVERED);
                DomainMix mix = DomainMix.named(workload);
                siteRates = SiteRates.of(tally.lastEvents().values(), timedFrom, timedTo, mix::siteOf);
                capChecks = smtp == null
                        ? SiteCaps.checkArrivals(stack.sink().received().stream().flatMap(r -> r.recipients().stream()
                                .map(to -> new SiteCaps.Arrival(to.asString(), r.receivedAt()))).toList(), timedFrom, timedTo,
                                d -> BenchSites.siteOf(mix, d), siteCaps)
                        : SiteCaps.check(tally.lastEvents().values(), timedFrom, timedTo, d -> BenchSites.siteOf(mix, d), siteCaps);
                duplicates = tally.duplicateTerminalEvents();
            }
            long sinkAccepted = receiver.accepted();
            RawRun rawAfter = rawRuns ? raw(receiver, "after", 0) : RawRun.SKIPPED;
            double smtpSourceRate = rawRuns ? smtpSource(receiver) : Double.NaN;
            RawRun rawBest = rawAfter.rate() > rawBefore.rate() ? rawAfter : rawBefore;

            long peakHeap = ProcessMeter.peakHeapBytes();
            double rate = measured / meter.wallSeconds();
            double cpuPer1000 = meter.cpuSeconds() / (measured / 1000.0);
            print(new Result(launched.published(), measured, delivered, duplicates, sinkAccepted, meter.wallSeconds(), rate,
                    rawBefore, rawAfter, rawBest, cpuPer1000, meter.jitCpuSeconds(), peakHeap, sinkLatency,
                    inFlight.average(), inFlight.max(), smtpSourceRate, dispatcherProcess, siteRates, capChecks));
            return complete && capChecks.stream().allMatch(SiteCaps.Check::holds) ? 0 : 1;
        }
    }

    /** One timed run of the minimal client: its rate and what the client and the sink cost per message. */
    private record RawRun(double rate, double cpuPer1000) {
        static final RawRun SKIPPED = new RawRun(Double.NaN, Double.NaN);

        boolean skipped() {
            return Double.isNaN(rate);
        }
    }

    private record Result(long published, long measured, int delivered, int duplicates, long sinkAccepted, double seconds,
                          double rate, RawRun rawBefore, RawRun rawAfter, RawRun rawBest, double cpuPer1000, double jitCpuSeconds,
                          long peakHeap, SinkLatency latency, double inFlightAverage, int inFlightMax, double smtpSourceRate,
                          DispatcherProcess dispatcherProcess, SiteRates siteRates, List<SiteCaps.Check> capChecks) {
    }

    /** The traffic policies of {@code --site-cap}, checked: only with {@code --workload domains}, only the mix's sites. */
    private Map<String, String> sitePolicies() {
        if (siteCaps.isEmpty()) {
            return Map.of();
        }
        if (!(DomainMix.named(workload) instanceof DomainMix.Skewed mix)) {
            throw new IllegalArgumentException("--site-cap needs --workload domains (the uniform workload has no sites)");
        }
        java.util.Set<String> known = BenchSites.sites(mix).keySet();
        siteCaps.forEach((site, rate) -> {
            if (!known.contains(site)) {
                throw new IllegalArgumentException("--site-cap " + site + "=" + rate + ": no such site in the workload; sites: " + known);
            }
            if (rate == null || rate < 1) {
                throw new IllegalArgumentException("--site-cap " + site + ": the rate must be at least 1 message per second");
            }
        });
        return BenchSites.policies(siteCaps, perDomain);
    }

    /** The dispatcher's own JVM with --separate-jvm: its -Xmx, peak resident memory and CPU in the timed part. */
    private record DispatcherProcess(String heap, long peakResidentBytes, double timedCpuSeconds) {
        static final DispatcherProcess IN_THIS_JVM = new DispatcherProcess("", -1, Double.NaN);

        boolean separate() {
            return !heap.isEmpty();
        }
    }

    private AutoCloseable startDispatcher(EmbeddedStack stack, DispatcherConfig config, SchemaRegistry registry,
                                          BenchReceiver receiver, Path work) throws Exception {
        if (separateJvm) {
            StringBuilder lines = new StringBuilder("policy.default.max-connections=" + perDomain + "\n");
            sitePolicies().forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
            Path pacing = Files.writeString(work.resolve("pacing.properties"), lines);
            SeparateDispatcher d = SeparateDispatcher.start(work, new SeparateDispatcher.Settings(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), receiver, workers, perDomain, connections, unacknowledgedEventsPerWorker,
                    dispatcherHeap, pacing));
            System.err.printf("bench: dispatcher in its own JVM (pid %d, -Xmx%s, log %s)%n", d.pid(), dispatcherHeap, d.log());
            return d;
        }
        Dispatcher d = Dispatcher.create(config, registry);
        d.start();
        return d;
    }

    private RawRun raw(BenchReceiver receiver, String when, int warmupMessages) throws Exception {
        if (warmupMessages > 0) {
            System.err.printf("bench: raw SMTP warm-up, %d messages...%n", warmupMessages);
            RawSmtpClient.rate(receiver.host(), receiver.port(), connections, warmupMessages, sample());
        }
        System.err.printf("bench: raw SMTP %s the dispatcher, %d messages over %d connections...%n", when, rawMessages, connections);
        receiver.reset();
        ProcessMeter meter = new ProcessMeter();
        meter.start();
        double rate = RawSmtpClient.rate(receiver.host(), receiver.port(), connections, rawMessages, sample());
        meter.stop();
        receiver.reset();
        // The ceiling on 2 cores: what the sink and a minimal client alone cost per message.
        return new RawRun(rate, meter.cpuSeconds() / (rawMessages / 1000.0));
    }

    /** Postfix's smtp-source against the same receiver, same message size and session count; NaN when not installed. */
    private double smtpSource(BenchReceiver receiver) throws Exception {
        java.util.Optional<SmtpSource> source = SmtpSource.find();
        if (source.isEmpty()) {
            System.err.println("bench: smtp-source is not installed (Debian package postfix): no smtp-source reference");
            return Double.NaN;
        }
        System.err.printf("bench: %s, %d messages over %d sessions...%n", source.get(), rawMessages, connections);
        double rate = source.get().rate(receiver.host(), receiver.port(), connections, rawMessages, sample().length);
        receiver.reset();
        return rate;
    }

    private void print(Result r) {
        out.printf(Locale.ROOT, "%-40s %,d%n", "messages (warm-up included)", r.published());
        out.printf(Locale.ROOT, "%-40s %,d%n", "messages timed (after the warm-up)", r.measured());
        out.printf(Locale.ROOT, "%-40s %,d%n", "delivered", r.delivered());
        out.printf(Locale.ROOT, "%-40s %,d%n", "duplicate terminal events", r.duplicates());
        out.printf(Locale.ROOT, "%-40s %s%n", "accepted by the sink",
                r.sinkAccepted() < 0 ? "not counted (external receiver)" : String.format(Locale.ROOT, "%,d", r.sinkAccepted()));
        out.printf(Locale.ROOT, "%-40s %.1f%n", "seconds (timed)", r.seconds());
        out.printf(Locale.ROOT, "%-40s %,.0f%n", "dispatcher messages/s", r.rate());
        out.printf(Locale.ROOT, "%-40s %d ms / %d ms%n", "sink latency per command / end of DATA",
                r.latency().command().toMillis(), r.latency().data().toMillis());
        out.printf(Locale.ROOT, "%-40s %s%n", "recipient domains", workload);
        // the busiest sites, then the rest summed: with --workload uniform every domain is its own site
        int shown = 0;
        double rest = 0;
        for (Map.Entry<String, Double> site : r.siteRates().perSecond().entrySet()) {
            if (shown++ < SITES_SHOWN) {
                out.printf(Locale.ROOT, "%-40s %,.1f%n", "  site " + site.getKey() + " messages/s", site.getValue());
            } else {
                rest += site.getValue();
            }
        }
        if (shown > SITES_SHOWN) {
            out.printf(Locale.ROOT, "%-40s %,.1f%n", "  " + (shown - SITES_SHOWN) + " other sites messages/s", rest);
        }
        for (SiteCaps.Check c : r.capChecks()) {
            out.printf(Locale.ROOT, "%-40s %s%n", "  site " + c.site() + " policy", c.describe());
        }
        if (r.sinkAccepted() < 0) {
            out.printf(Locale.ROOT, "%-40s %s%n", "SMTP transactions in flight (avg / max)", "not measured (external receiver)");
        } else {
            out.printf(Locale.ROOT, "%-40s %,.0f / %,d%n", "SMTP transactions in flight (avg / max)", r.inFlightAverage(), r.inFlightMax());
        }
        if (r.rawBest().skipped()) {
            out.printf(Locale.ROOT, "%-40s %s%n", "raw SMTP messages/s", "not run (sink latency set, or --raw-messages 0)");
        } else {
            out.printf(Locale.ROOT, "%-40s %,.0f / %,.0f%n", "raw SMTP messages/s before / after (" + connections + " conns)",
                    r.rawBefore().rate(), r.rawAfter().rate());
            out.printf(Locale.ROOT, "%-40s %.0f%%%n", "dispatcher / best raw", 100 * r.rate() / r.rawBest().rate());
        }
        if (!Double.isNaN(r.smtpSourceRate())) {
            out.printf(Locale.ROOT, "%-40s %,.0f%n", "smtp-source -d -s " + connections + " messages/s", r.smtpSourceRate());
            out.printf(Locale.ROOT, "%-40s %.0f%%%n", "dispatcher / smtp-source", 100 * r.rate() / r.smtpSourceRate());
        }
        out.printf(Locale.ROOT, "%-40s %.3f%n", "CPU s per 1000 messages (process)", r.cpuPer1000());
        if (!r.rawBest().skipped()) {
            out.printf(Locale.ROOT, "%-40s %.3f%n", "raw CPU s per 1000 messages (best run)", r.rawBest().cpuPer1000());
        }
        out.printf(Locale.ROOT, "%-40s %.1f%n", "JIT compiler CPU s (timed part)", r.jitCpuSeconds());
        out.printf(Locale.ROOT, "%-40s %,d MiB%n", r.dispatcherProcess().separate() ? "peak heap (bench JVM: broker, sink)"
                : "peak heap", r.peakHeap() / (1024 * 1024));
        if (r.dispatcherProcess().separate()) {
            DispatcherProcess d = r.dispatcherProcess();
            out.printf(Locale.ROOT, "%-40s -Xmx%s, peak resident %,d MiB, %.3f CPU s per 1000 messages%n", "dispatcher JVM",
                    d.heap(), d.peakResidentBytes() / (1024 * 1024), d.timedCpuSeconds() / (r.measured() / 1000.0));
        }
        if (json) {
            out.printf(Locale.ROOT, "{\"messages\":%d,\"warmup\":%d,\"measured\":%d,\"delivered\":%d,\"duplicates\":%d,"
                            + "\"sinkAccepted\":%d,\"seconds\":%.3f,\"messagesPerSecond\":%.1f,\"rawSmtpMessagesPerSecond\":%s,"
                            + "\"rawBeforeMessagesPerSecond\":%s,\"rawAfterMessagesPerSecond\":%s,\"rawConnections\":%d,"
                            + "\"ratioToRaw\":%s,\"cpuSecondsPer1000\":%.4f,\"rawCpuSecondsPer1000\":%s,\"jitCpuSeconds\":%.3f,\"peakHeapBytes\":%d,"
                            + "\"latencyMs\":%d,\"dataLatencyMs\":%d,\"workers\":%d,\"unacknowledgedEventsPerWorker\":%d,\"connections\":%d,"
                            + "\"inFlightAverage\":%.1f,\"inFlightMax\":%d,\"smtpSourceMessagesPerSecond\":%s,\"ratioToSmtpSource\":%s,\"workload\":\"%s\",\"separateJvm\":%b,\"dispatcherPeakResidentBytes\":%d,"
                            + "\"dispatcherCpuSecondsPer1000\":%s,\"siteMessagesPerSecond\":%s,\"siteCaps\":%s}%n",
                    r.published(), warmup, r.measured(), r.delivered(), r.duplicates(), r.sinkAccepted(), r.seconds(), r.rate(),
                    jsonNumber(r.rawBest().rate()), jsonNumber(r.rawBefore().rate()), jsonNumber(r.rawAfter().rate()), connections,
                    jsonNumber(r.rate() / r.rawBest().rate()), r.cpuPer1000(), jsonNumber(r.rawBest().cpuPer1000()),
                    r.jitCpuSeconds(), r.peakHeap(), r.latency().command().toMillis(), r.latency().data().toMillis(),
                    workers, unacknowledgedEventsPerWorker, connections, r.inFlightAverage(), r.inFlightMax(), jsonNumber(r.smtpSourceRate()),
                    jsonNumber(r.rate() / r.smtpSourceRate()), workload, r.dispatcherProcess().separate(),
                    r.dispatcherProcess().peakResidentBytes(),
                    jsonNumber(r.dispatcherProcess().timedCpuSeconds() / (r.measured() / 1000.0)), r.siteRates().toJson(),
                    SiteCaps.toJson(r.capChecks()));
        }
    }

    /** JSON has no NaN: a skipped raw run is {@code null}. */
    private static String jsonNumber(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.4f", v);
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
