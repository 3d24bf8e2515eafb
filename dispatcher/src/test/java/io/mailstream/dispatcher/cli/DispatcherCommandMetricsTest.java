package io.mailstream.dispatcher.cli;

import io.mailstream.dispatcher.support.VerpKeyFiles;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.telemetry.OpsServerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The --metrics-port / --no-metrics options reach the ops endpoint factory as the port to open. */
class DispatcherCommandMetricsTest {
    private final List<String> started = new ArrayList<>();
    // Records the request and stops the command there: no dispatcher (and no Kafka) is needed to test the wiring.
    private final OpsServerFactory recording = (service, port) -> {
        started.add(service + ":" + port);
        throw new IllegalStateException("stop here");
    };

    @Test
    void defaultPortShouldBe9401() {
        run();
        assertThat(started).containsExactly("dispatcher:" + DispatcherCommand.DEFAULT_METRICS_PORT);
        assertThat(DispatcherCommand.DEFAULT_METRICS_PORT).isEqualTo(9401);
    }

    @Test
    void noMetricsShouldAskForTheDisabledPort() {
        run("--no-metrics");
        assertThat(started).containsExactly("dispatcher:" + OpsServerFactory.DISABLED_PORT);
    }

    @Test
    void zeroShouldAskForAnEphemeralPort() {
        run("--metrics-port", "0");
        assertThat(started).containsExactly("dispatcher:0");
    }

    @Test
    void anOutOfRangePortShouldExitWith2BeforeOpeningAnything() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new DispatcherCommand(recording)).setErr(new PrintWriter(err))
                .execute("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--metrics-port", "70000");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-port").contains("70000");
        assertThat(started).isEmpty();
    }

    private void run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path()));
        args.addAll(List.of(extra));
        int code = new CommandLine(new DispatcherCommand(recording)).setErr(new PrintWriter(new StringWriter()))
                .execute(args.toArray(String[]::new));
        assertThat(code).as("stopped by the recording factory").isEqualTo(1);
    }
}
