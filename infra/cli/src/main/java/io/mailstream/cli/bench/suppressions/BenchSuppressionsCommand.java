package io.mailstream.cli.bench.suppressions;

import io.mailstream.cli.scaleout.JvmLauncher;
import io.mailstream.cli.stack.InProcessLogLevels;
import io.mailstream.dispatcher.suppress.RocksSuppressionStore;
import io.mailstream.dispatcher.suppress.UnsubscribeScope;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailstream bench suppressions}: whether a dispatcher holds millions of suppressions in
 * bounded memory. Loads {@code --addresses} suppressions into the embedded stack, starts a
 * dispatcher in its own JVM ({@code -Xmx512m} by default) with a kept suppression store and times
 * it to ready (cold: the whole topic is read); writes {@code --changes} more, restarts it and times
 * it again (only the changes are read); measures its resident memory once ready; then opens the
 * store it left and times lookups as the dispatcher makes them.
 */
@Command(name = "suppressions", mixinStandardHelpOptions = true,
        description = "Load N suppressions, time a separate dispatcher JVM to ready (cold and restart), its memory and lookups/s.")
public final class BenchSuppressionsCommand implements Callable<Integer> {

    @Option(names = "--addresses", defaultValue = "1000000", description = "Suppressed addresses to load (default: ${DEFAULT-VALUE}).")
    long addresses;

    @Option(names = "--changes", defaultValue = "10000",
            description = "Suppressions written between the cold start and the restart (default: ${DEFAULT-VALUE}).")
    long changes;

    @Option(names = "--dispatcher-heap", defaultValue = "512m", description = "-Xmx of the dispatcher's JVM (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--lookup-threads", defaultValue = "2", description = "Threads asking the store at once (default: ${DEFAULT-VALUE}).")
    int lookupThreads;

    @Option(names = "--lookups", defaultValue = "2000000", description = "Lookups timed per thread (default: ${DEFAULT-VALUE}).")
    int lookups;

    @Option(names = "--ready-timeout", defaultValue = "PT10M", description = "How long a start may take (default: ${DEFAULT-VALUE}).")
    Duration readyTimeout;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    /** Where the result goes; a test swaps it. */
    PrintStream out = System.out;

    record Result(long addresses, double loadSeconds, double readySeconds, double restartReadySeconds, long rssBytes,
                  long peakRssBytes, LookupMeter.Result lookups, long storeBytes, double coldCatchUpSeconds,
                  double restartCatchUpSeconds, String loadAverage) {
    }

    @Override
    public Integer call() throws Exception {
        if (addresses < 1 || changes < 0 || lookupThreads < 1 || lookups < 2) {
            throw new IllegalArgumentException("--addresses and --lookup-threads must be at least 1, --changes at least 0, "
                    + "--lookups at least 2");
        }
        Path work = Files.createTempDirectory("mailstream-bench-suppressions-");
        Path stateDir = work.resolve("suppressions-state");
        Path verpKeys = Files.writeString(work.resolve("verp.keys"), VerpKeys.newKeyLine("b1") + "\n");
        InProcessLogLevels.quietStartupRaces();
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStackConfig.defaults());
             JvmLauncher launcher = new JvmLauncher(work, Optional.empty())) {
            SuppressionLoader loader = new SuppressionLoader(stack.bootstrapServers(),
                    new RestSchemaRegistryClient(SchemaRegistryConfig.of(stack.schemaRegistryUrl())), Instant.now());
            System.err.printf(Locale.ROOT, "bench: writing %,d suppressions to mail.suppressions...%n", addresses);
            long t0 = System.nanoTime();
            loader.load(0, addresses);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "bench: written in %.1f s; starting a dispatcher (-Xmx%s, log in %s)...%n",
                    loadSeconds, heap, work);
            BenchDispatcherProcess.Settings settings = new BenchDispatcherProcess.Settings(stack.bootstrapServers(),
                    stack.schemaRegistryUrl(), stack.smtpHost(), stack.smtpPort(), verpKeys, stateDir, heap, readyTimeout);
            double ready;
            double coldCatchUp;
            long[] resident;
            try (BenchDispatcherProcess cold = BenchDispatcherProcess.start(launcher, "dispatcher-cold", settings)) {
                ready = cold.awaitReady(readyTimeout);
                resident = cold.residentBytes();
                coldCatchUp = cold.suppressionCatchUpSeconds();
                System.err.printf(Locale.ROOT, "bench: cold start ready in %.1f s, resident %,d MiB; writing %,d changes "
                        + "and restarting...%n", ready, resident[0] >> 20, changes);
                loader.load(addresses, addresses + changes);
            }
            double restartReady;
            double restartCatchUp;
            try (BenchDispatcherProcess warm = BenchDispatcherProcess.start(launcher, "dispatcher-restart", settings)) {
                restartReady = warm.awaitReady(readyTimeout);
                restartCatchUp = warm.suppressionCatchUpSeconds();
                long[] again = warm.residentBytes();
                resident = new long[] {Math.max(resident[0], again[0]), Math.max(resident[1], again[1])};
            }
            long storeBytes = directorySize(stateDir);
            System.err.printf(Locale.ROOT, "bench: restart ready in %.1f s; timing lookups on the store it left (%,d MiB)...%n",
                    restartReady, storeBytes >> 20);
            LookupMeter.Result lookupResult;
            try (RocksSuppressionStore store = RocksSuppressionStore.open(stateDir, UnsubscribeScope.LIST, Clock.systemUTC())) {
                int sample = (int) Math.min(1_000_000, Math.max(2, addresses));
                lookupResult = LookupMeter.measure(store, addresses + changes, sample, Math.max(1, lookups / sample), lookupThreads);
            }
            print(new Result(addresses, loadSeconds, ready, restartReady, resident[0], resident[1], lookupResult, storeBytes,
                    coldCatchUp, restartCatchUp, loadAverage()));
            if (lookupResult.hits() != lookupResult.expectedHits()) {
                System.err.printf("bench: the store answered %d suppressed, expected %d%n", lookupResult.hits(),
                        lookupResult.expectedHits());
                return 1;
            }
            return 0;
        }
    }

    private void print(Result r) {
        out.printf(Locale.ROOT, "%-44s %,d%n", "suppressed addresses", r.addresses());
        out.printf(Locale.ROOT, "%-44s %.1f%n", "seconds to write them (bench producer)", r.loadSeconds());
        out.printf(Locale.ROOT, "%-44s %.1f%n", "dispatcher ready, cold start (s)", r.readySeconds());
        out.printf(Locale.ROOT, "%-44s %.1f%n", "dispatcher ready, restart after " + changes + " changes (s)", r.restartReadySeconds());
        out.printf(Locale.ROOT, "%-44s %.1f / %.1f%n", "suppression table catch-up cold / restart (s)",
                r.coldCatchUpSeconds(), r.restartCatchUpSeconds());
        out.printf(Locale.ROOT, "%-44s %s%n", "machine load average (1/5/15 min) at the end", r.loadAverage());
        out.printf(Locale.ROOT, "%-44s %,d MiB (peak %,d MiB), -Xmx%s%n", "dispatcher resident memory once ready",
                r.rssBytes() >> 20, r.peakRssBytes() >> 20, heap);
        out.printf(Locale.ROOT, "%-44s %,d MiB%n", "suppression store on disk", r.storeBytes() >> 20);
        out.printf(Locale.ROOT, "%-44s %,.0f (%d threads, %,d lookups, half suppressed)%n", "lookups/s",
                r.lookups().perSecond(), lookupThreads, r.lookups().lookups());
        out.printf(Locale.ROOT, "%-44s %,.0f%n", "lookups per CPU second (one thread)", r.lookups().perCpuSecond());
        out.printf(Locale.ROOT, "%-44s %,.0f / %,.0f%n", "per CPU second, suppressed only / never suppressed",
                r.lookups().suppressedPerCpuSecond(), r.lookups().notSuppressedPerCpuSecond());
        out.printf(Locale.ROOT, "%-44s %,d of %,d expected%n", "lookups answered suppressed", r.lookups().hits(),
                r.lookups().expectedHits());
        if (json) {
            out.printf(Locale.ROOT, "{\"addresses\":%d,\"loadSeconds\":%.1f,\"dispatcherReadySeconds\":%.2f,"
                            + "\"dispatcherRestartReadySeconds\":%.2f,\"dispatcherRssBytes\":%d,\"dispatcherPeakRssBytes\":%d,"
                            + "\"dispatcherHeap\":\"%s\",\"changesBeforeRestart\":%d,\"storeBytes\":%d,\"lookupsPerSecond\":%.0f,\"lookupsPerCpuSecond\":%.0f,"
                            + "\"suppressedLookupsPerCpuSecond\":%.0f,\"notSuppressedLookupsPerCpuSecond\":%.0f,\"lookupThreads\":%d,\"lookups\":%d,\"lookupHits\":%d,\"expectedLookupHits\":%d,"
                            + "\"coldCatchUpSeconds\":%.2f,\"restartCatchUpSeconds\":%.2f,\"loadAverage\":\"%s\"}%n",
                    r.addresses(), r.loadSeconds(), r.readySeconds(), r.restartReadySeconds(), r.rssBytes(), r.peakRssBytes(),
                    heap, changes, r.storeBytes(), r.lookups().perSecond(), r.lookups().perCpuSecond(),
                    r.lookups().suppressedPerCpuSecond(), r.lookups().notSuppressedPerCpuSecond(), lookupThreads, r.lookups().lookups(),
                    r.lookups().hits(), r.lookups().expectedHits(), r.coldCatchUpSeconds(), r.restartCatchUpSeconds(),
                    r.loadAverage());
        }
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

    private static long directorySize(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
