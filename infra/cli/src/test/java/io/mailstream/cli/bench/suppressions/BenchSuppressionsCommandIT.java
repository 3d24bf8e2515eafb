package io.mailstream.cli.bench.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench suppressions} end to end on its own embedded stack and a dispatcher JVM, with a small table. */
class BenchSuppressionsCommandIT {

    @Test
    void benchShouldStartTheDispatcherTwiceAndReportEveryFieldWithCorrectLookups() throws Exception {
        BenchSuppressionsCommand command = new BenchSuppressionsCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(command).execute("--addresses", "5000", "--changes", "100", "--lookups", "20000",
                "--ready-timeout", "PT3M", "--json");

        assertThat(exit).as("0 only if the store answered every lookup as the loaded data says").isZero();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("addresses").asLong()).isEqualTo(5000);
        assertThat(json.get("dispatcherReadySeconds").asDouble()).isPositive();
        assertThat(json.get("dispatcherRestartReadySeconds").asDouble()).isPositive();
        assertThat(json.get("dispatcherRssBytes").asLong()).isGreaterThan(16L << 20);
        assertThat(json.get("lookupsPerSecond").asDouble()).isPositive();
        assertThat(json.get("suppressedLookupsPerCpuSecond").asDouble()).isPositive();
        assertThat(json.get("notSuppressedLookupsPerCpuSecond").asDouble()).isPositive();
        assertThat(json.get("lookupHits").asLong()).isEqualTo(json.get("expectedLookupHits").asLong()).isPositive();
        assertThat(json.get("restartCatchUpSeconds").asDouble()).as("read from the dispatcher's log").isNotNaN();
    }
}
