package io.mailstream.cli.scaleout;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream bench scale-out}: the scale-out run of {@link ScaleOutRun} from the command line.
 * Exit code 0 when nothing was lost, every message has exactly one terminal event and the SMTP
 * repeats stay within the transactions in flight at the kill ({@link Verdict#ok()}), 1 otherwise,
 * 2 for invalid options.
 */
@Command(name = "scale-out", mixinStandardHelpOptions = true,
        description = {"Run a campaign on a local 3-broker cluster with every service in its own JVM; add dispatchers one by one,",
            "SIGKILL one dispatcher and one broker mid-campaign, then check that nothing was lost and that repeats stay within",
            "the SMTP transactions in flight at the kill."})
public final class BenchScaleOutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--messages", defaultValue = "20000", description = "Recipients in the campaign (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of mail.outbound (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--domains", defaultValue = "48", description = "Recipient domains = routing keys (default: ${DEFAULT-VALUE}).")
    int domains;

    @Option(names = "--brokers", defaultValue = "3", description = "Kafka nodes (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--dispatchers", defaultValue = "3", description = "Dispatchers added one by one (default: ${DEFAULT-VALUE}).")
    int dispatchers;

    @Option(names = "--idle-window", defaultValue = "PT5S", description = "How long to watch the lag with no dispatcher (default: ${DEFAULT-VALUE}).")
    Duration idleWindow;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Longest the run may take once the cluster is up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--session-timeout", defaultValue = "PT45S", description = "The dispatchers' consumer session.timeout.ms: how"
            + " long the group waits for the SIGKILLed dispatcher before its partitions move (default: ${DEFAULT-VALUE}, Kafka's).")
    Duration sessionTimeout;

    @Option(names = "--work-dir", description = "Logs, broker data and reports (default: a new temporary directory, deleted after a passing run).")
    Path workDir;

    @Option(names = "--pid-file", description = "Append \"pid name\" of every JVM started to this file (for a wrapper's cleanup).")
    Path pidFile;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("mailstream-scale-out") : Files.createDirectories(workDir);
        ScaleOutConfig config;
        try {
            config = new ScaleOutConfig(messages, partitions, domains, brokers, dispatchers, idleWindow, timeout, sessionTimeout, dir,
                    java.util.Optional.ofNullable(pidFile));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("mailstream bench scale-out: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getErr().println("scale-out: work dir " + dir + " (process logs in " + dir.resolve("logs") + ")");
        ScaleOutResult result;
        try {
            result = ScaleOutRun.run(config);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("scale-out: run failed, logs kept in " + dir.resolve("logs"));
            throw e;
        }
        ScaleOutReport.print(result, out);
        Files.writeString(dir.resolve("result.json"), ScaleOutReport.json(result));
        if (json) {
            out.println(ScaleOutReport.json(result));
        }
        out.flush();
        if (result.verdict().ok() && temporary) {
            deleteRecursively(dir);
        } else {
            spec.commandLine().getErr().println("scale-out: logs and result.json kept in " + dir);
        }
        return result.verdict().ok() ? 0 : 1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
