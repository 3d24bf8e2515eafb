package io.mailstream.cli.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream bench chaos}: the {@link ChaosRun} from the command line. Exit code 0 when every
 * target holds ({@link ChaosResult#ok()}), 1 otherwise, 2 for invalid options.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Run a campaign on a local 3-broker cluster with several dispatchers in their own JVMs; SIGKILL",
            "dispatchers at random moments --kills times and one broker once, restart them; relaunch the campaign and",
            "replay one API request with the same Idempotency-Key on another API process; count every mail per message id."})
public final class BenchChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--messages", defaultValue = "50000", description = "Recipients in the campaign (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--kills", defaultValue = "5", description = "Dispatcher SIGKILLs (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--dispatchers", defaultValue = "3", description = "Dispatchers, each in its own JVM (default: ${DEFAULT-VALUE}).")
    int dispatchers;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of the mail topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--domains", defaultValue = "48", description = "Recipient domains = routing keys (default: ${DEFAULT-VALUE}).")
    int domains;

    @Option(names = "--seed", description = "Seed of the kill moments and victims (default: random, printed).")
    Long seed;

    @Option(names = "--timeout", defaultValue = "PT40M", description = "Longest the run may take once the cluster is up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--work-dir", description = "Logs, broker data, sink log (default: a new temporary directory, kept).")
    Path workDir;

    @Option(names = "--pid-file", description = "Append \"pid name\" of every JVM started to this file (for a wrapper's cleanup).")
    Path pidFile;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = workDir == null ? Files.createTempDirectory("mailstream-chaos") : Files.createDirectories(workDir);
        ChaosConfig config;
        try {
            config = new ChaosConfig(messages, kills, dispatchers, partitions, domains,
                    seed != null ? seed : System.nanoTime(), timeout, dir, Optional.ofNullable(pidFile));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("mailstream bench chaos: " + e.getMessage());
            return 2;
        }
        spec.commandLine().getErr().println("chaos: seed " + config.seed() + ", work dir " + dir + " (logs in " + dir.resolve("logs") + ")");
        ChaosResult result = ChaosRun.run(config);
        ChaosReport.print(result, out);
        Files.writeString(dir.resolve("result.json"), ChaosReport.json(result));
        if (json) {
            out.println(ChaosReport.json(result));
        }
        out.flush();
        return result.ok() ? 0 : 1;
    }
}
