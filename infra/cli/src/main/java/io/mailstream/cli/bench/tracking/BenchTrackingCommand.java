package io.mailstream.cli.bench.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.classify.MachineDetector;
import io.mailstream.tracking.events.KafkaEngagementSink;
import io.mailstream.tracking.http.TrackingServer;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench tracking}: redirects per second of the tracking endpoint (issue 18: at
 * least 5 000/s on the 2-core build machine), each writing its CLICKED event to
 * {@code mail.engagement} on the embedded broker as in production. The load generator runs in the
 * same JVM and shares the cores: the number is a floor.
 */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = "Redirects per second of the click tracking endpoint, events to the embedded broker (see docs/benchmarks.md).")
public final class BenchTrackingCommand implements Callable<Integer> {
    static final double TARGET_PER_SECOND = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--requests", defaultValue = "200000", description = "Measured requests (default: ${DEFAULT-VALUE}).")
    long requests;

    @Option(names = "--warmup", defaultValue = "20000", description = "Requests before measuring, for the JIT (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--connections", defaultValue = "16", description = "Concurrent keep-alive connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--links", defaultValue = "1000", description = "Distinct signed links clicked in turn (default: ${DEFAULT-VALUE}).")
    int links;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    /** Where the result goes; a test swaps it. */
    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (requests < connections || connections < 1 || warmup < 0 || links < 1) {
            throw new IllegalArgumentException("--connections must be at least 1, --requests at least --connections, --links at least 1");
        }
        InProcessLogLevels.quietStartupRaces();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults())) {
            VerpKeys keys = VerpKeys.generate("b1");
            TrackingTokens tokens = new TrackingTokens(keys);
            Instant sentAt = Instant.now().minusSeconds(3600);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < links; i++) {
                paths.add("/c/" + tokens.sign(new TrackingTokens.Click("bench-message-" + i, Optional.of("bench-tracking"),
                        Optional.empty(), sentAt, i % 5, URI.create("https://shop.example.com/item/" + i + "?utm_source=mail"))));
            }
            RedirectLoad.Result result;
            long acked;
            long lost;
            KafkaEngagementSink sink = new KafkaEngagementSink(KafkaConnection.plaintext(stack.bootstrapServers()),
                    new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl())));
            try (TrackingServer server = TrackingServer.start(new TrackingConfig("127.0.0.1", 0, keys,
                    TrackingConfig.Privacy.COARSE, MachineDetector.DEFAULT_MIN_DELAY), sink, Clock.systemUTC())) {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
                if (warmup > 0) {
                    RedirectLoad.run(address, paths, connections, Math.max(1, warmup / connections));
                }
                result = RedirectLoad.run(address, paths, connections, requests / connections);
            } finally {
                sink.close(); // flushes: every event of the run is acknowledged or counted lost
            }
            acked = sink.sent();
            lost = sink.failed();
            print(result, acked, lost);
            return result.otherAnswers() == 0 && lost == 0 ? 0 : 1;
        }
    }

    private void print(RedirectLoad.Result r, long acked, long lost) throws Exception {
        String load = loadAverage();
        out.printf("bench tracking: %d connections, %d links, events to mail.engagement on the embedded broker%n", connections, links);
        out.printf("  %-22s %,d%n", "redirects (302)", r.redirects());
        out.printf("  %-22s %,d%n", "other answers", r.otherAnswers());
        out.printf("  %-22s %.2f%n", "seconds", r.seconds());
        out.printf("  %-22s %,.0f   (target >= %,.0f: %s)%n", "redirects/s", r.perSecond(), TARGET_PER_SECOND,
                r.perSecond() >= TARGET_PER_SECOND ? "met" : "MISSED");
        out.printf("  %-22s %.2f / %.2f / %.2f%n", "latency p50/p99/max ms", r.percentileMillis(0.5), r.percentileMillis(0.99),
                r.percentileMillis(1.0));
        out.printf("  %-22s %,d acknowledged, %,d lost (warm-up included)%n", "engagement events", acked, lost);
        out.printf("  %-22s %s%n", "load average", load);
        if (json) {
            ObjectNode o = JSON.createObjectNode()
                    .put("bench", "tracking").put("connections", connections).put("links", links)
                    .put("requests", r.requests()).put("redirects", r.redirects()).put("otherAnswers", r.otherAnswers())
                    .put("seconds", r.seconds()).put("redirectsPerSecond", Math.round(r.perSecond()))
                    .put("targetPerSecond", (long) TARGET_PER_SECOND).put("targetMet", r.perSecond() >= TARGET_PER_SECOND)
                    .put("p50Ms", r.percentileMillis(0.5)).put("p99Ms", r.percentileMillis(0.99))
                    .put("eventsAcknowledged", acked).put("eventsLost", lost).put("loadAverage", load);
            out.println(JSON.writeValueAsString(o));
        }
        out.flush();
    }

    /** The first three fields of /proc/loadavg: other work on the machine shows in every number above. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
