package io.mailstream.cli.bench;

import io.mailstream.cli.scaleout.JvmLauncher;
import io.mailstream.cli.scaleout.ServiceProcess;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code bench delivery --separate-jvm}: the dispatcher in its own JVM, started as deployed
 * ({@code mailstream dispatcher …}), while the bench's JVM keeps the broker, the registry and the
 * sink. Its heap is capped by {@code -Xmx}; its peak resident memory and CPU are read from
 * {@code /proc} when it has stopped (Linux only).
 */
final class SeparateDispatcher implements AutoCloseable {
    /** USER_HZ: 100 on every Linux the JDK supports (sysconf(_SC_CLK_TCK)). */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    private final JvmLauncher launcher;
    private final ServiceProcess process;

    private SeparateDispatcher(JvmLauncher launcher, ServiceProcess process) {
        this.launcher = launcher;
        this.process = process;
    }

    record Settings(String bootstrapServers, String schemaRegistry, BenchReceiver receiver, int workers, int perDomain,
                    int connections, int unacknowledgedEventsPerWorker, String heap, Path pacingFile) {
    }

    static SeparateDispatcher start(Path workDir, Settings s) throws IOException {
        JvmLauncher launcher = new JvmLauncher(workDir, Optional.empty());
        Path verpKeys = Files.writeString(workDir.resolve("verp.keys"), VerpKeys.newKeyLine("b1") + "\n");
        List<String> jvm = List.of("-Xmx" + s.heap(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.io.mailstream=info");
        ServiceProcess p = launcher.start("bench-dispatcher", jvm, "io.mailstream.cli.Mailstream", List.of("dispatcher",
                "--bootstrap-servers", s.bootstrapServers(), "--schema-registry", s.schemaRegistry(),
                "--smtp-host", s.receiver().host(), "--smtp-port", String.valueOf(s.receiver().port()),
                "--bounce-domain", "bounces.mailstream.test", "--verp-keys", verpKeys.toString(),
                "--dispatcher-id", "bench-dispatcher",
                "--workers", String.valueOf(s.workers()), "--per-domain-concurrency", String.valueOf(s.perDomain()),
                "--max-connections", String.valueOf(s.connections()), "--pacing-config", s.pacingFile().toString(),
                "--unacknowledged-events-per-worker", String.valueOf(s.unacknowledgedEventsPerWorker()),
                "--no-metrics"));
        return new SeparateDispatcher(launcher, p);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return process.log();
    }

    /** Peak resident set (VmHWM) so far, in bytes; -1 where /proc is not readable. */
    long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU seconds (user + system) the dispatcher process used so far; NaN where /proc is not readable. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime is the 12th, stime the 13th.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
        launcher.close();
    }
}
