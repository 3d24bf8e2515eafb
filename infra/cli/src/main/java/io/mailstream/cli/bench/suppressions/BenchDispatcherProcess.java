package io.mailstream.cli.bench.suppressions;

import io.mailstream.cli.scaleout.JvmLauncher;
import io.mailstream.cli.scaleout.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One dispatcher JVM of {@code bench suppressions}, started as deployed ({@code mailstream
 * dispatcher …}) with its suppression store in a kept directory. Ready is when it logs that it
 * started: {@code Dispatcher.start()} returns only once the suppression table is caught up.
 */
final class BenchDispatcherProcess implements AutoCloseable {
    private static final String READY = "dispatcher bench-suppressions started";
    private static final Duration LOG_CHECK = Duration.ofMillis(50);

    private final ServiceProcess process;
    private final long startedNanos;

    private BenchDispatcherProcess(ServiceProcess process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
    }

    record Settings(String bootstrapServers, String schemaRegistry, String smtpHost, int smtpPort, Path verpKeys,
                    Path stateDir, String heap, Duration readyTimeout) {
    }

    static BenchDispatcherProcess start(JvmLauncher launcher, String name, Settings s) {
        List<String> jvm = List.of("-Xmx" + s.heap(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.mailstream=info", "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        long t0 = System.nanoTime();
        ServiceProcess p = launcher.start(name, jvm, "io.mailstream.cli.Mailstream", List.of("dispatcher",
                "--bootstrap-servers", s.bootstrapServers(), "--schema-registry", s.schemaRegistry(),
                "--smtp-host", s.smtpHost(), "--smtp-port", String.valueOf(s.smtpPort()),
                "--bounce-domain", "bounces.mailstream.test", "--verp-keys", s.verpKeys().toString(),
                "--dispatcher-id", "bench-suppressions", "--suppressions-state-dir", s.stateDir().toString(),
                "--startup-catch-up-timeout", s.readyTimeout().toString(), "--no-metrics"));
        return new BenchDispatcherProcess(p, t0);
    }

    /** Seconds from the JVM's start until the dispatcher is ready; fails if it exits or takes longer than {@code timeout}. */
    double awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (true) {
            if (Files.exists(process.log()) && Files.readString(process.log(), StandardCharsets.UTF_8).contains(READY)) {
                return (System.nanoTime() - startedNanos) / 1e9;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the dispatcher exited (" + process.exitValue() + ") before it was ready:\n"
                        + process.logTail(30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dispatcher was not ready within " + timeout + ":\n" + process.logTail(30));
            }
            // polling a log file for a line: there is no event to wait on across processes
            Thread.sleep(LOG_CHECK.toMillis());
        }
    }

    /**
     * Seconds the suppression table took inside the dispatcher, from the follower's first line to
     * "caught up" (its log), so a reader can tell the store's share of the ready time from the
     * JVM's start on a loaded machine; NaN if the lines are not found.
     */
    double suppressionCatchUpSeconds() throws IOException {
        Instant from = null;
        Instant to = null;
        for (String line : Files.readAllLines(process.log(), StandardCharsets.UTF_8)) {
            if (from == null && line.contains("following mail.suppressions")) {
                from = timeOf(line);
            } else if (to == null && line.contains("caught up with mail.suppressions")) {
                to = timeOf(line);
            }
        }
        return from == null || to == null ? Double.NaN : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Instant timeOf(String line) {
        try {
            return java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' ')),
                    java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Resident memory now (VmRSS) and at its peak (VmHWM), in bytes; -1 where /proc is not readable. */
    long[] residentBytes() {
        long rss = -1;
        long peak = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
        return new long[] {rss, peak};
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return process.log();
    }

    /** SIGTERM: the dispatcher closes its store cleanly (flushing it), as a rolling restart does. */
    @Override
    public void close() {
        process.stop(Duration.ofSeconds(60));
    }
}
