package io.mailstream.cli.lag;

import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.schemas.kafka.KafkaConfigException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream lag}: consumer lag per group, topic and partition, its rate and the time to
 * drain. Exit code 0 when every group is at or under {@code --max-lag} (or none is given), 3 when
 * a group is over it, 1 when Kafka cannot be read, 2 for invalid options.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "Show consumer lag per group, topic and partition, how fast it moves and when it will be drained.")
public final class LagCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int MAX_LAG_CROSSED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consumer group to report; repeatable (default: every group whose id starts with '"
                    + GroupFilter.DEFAULT_PREFIX + "').")
    List<String> groups;

    @Option(names = "--watch", description = "Keep sampling every interval and print each sample (Ctrl-C to stop).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s", converter = HumanDurationConverter.class,
            description = "Time between samples; the rate is measured over it (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--samples", paramLabel = "N",
            description = "Samples to take: without --watch the last is printed (default 2, 1 = no rate); "
                    + "with --watch each is printed (default: until stopped).")
    Long samples;

    @Option(names = "--json", description = "Print one JSON object per sample instead of a table.")
    boolean json;

    @Option(names = "--max-lag", paramLabel = "N",
            description = "Exit with 3 if a group's total lag is above N in the last sample (0 if not).")
    Long maxLag;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = HumanDurationConverter.class,
            description = "How long to wait for Kafka per request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long n = samples != null ? samples : watch ? 0 : 2;
        if (n < 0 || (!watch && n == 0) || (maxLag != null && maxLag < 0)) {
            err.println("mailstream lag: --samples must be >= 1 (0 = forever with --watch) and --max-lag >= 0");
            err.flush();
            return 2;
        }
        OptionalLong threshold = maxLag == null ? OptionalLong.empty() : OptionalLong.of(maxLag);
        GroupFilter filter = GroupFilter.named(groups);
        try (LagReader reader = LagReader.connect(kafka.connection(), timeout, Clock.systemUTC())) {
            LagMonitor monitor = new LagMonitor(() -> reader.read(filter), LagMonitor.Pause.THREAD_SLEEP, interval, threshold);
            LagReport last = monitor.run(n, watch, report -> {
                out.print(json ? LagJson.render(report) + System.lineSeparator() : LagTable.render(report));
                out.flush();
            });
            return last != null && last.maxLagCrossed() ? MAX_LAG_CROSSED : OK;
        } catch (LagException | KafkaConfigException e) {
            err.println("mailstream lag: " + e.getMessage());
            err.flush();
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        }
    }
}
