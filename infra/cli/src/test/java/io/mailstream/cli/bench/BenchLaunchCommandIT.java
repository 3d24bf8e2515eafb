package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench launch} end to end on its own embedded stack, with a small list. */
class BenchLaunchCommandIT {

    @Test
    void benchShouldLaunchEveryRecipientAndPrintTheResultAsJson() throws Exception {
        BenchLaunchCommand command = new BenchLaunchCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(command).execute("--recipients", "5000", "--warmup", "1000", "--partitions", "3", "--json");

        assertThat(exit).isZero();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("published").asLong()).isEqualTo(5000);
        assertThat(json.get("eventsPerSecond").asLong()).isPositive();
        assertThat(json.get("peakHeapBytes").asLong()).isPositive();
        assertThat(json.get("uniqueRecipients").asLong()).isEqualTo(5000);
        assertThat(json.get("peakLiveHeapBytes").asLong()).as("the collection just before the launch counts").isPositive();
        // 6 000 records of ~100 bytes at least, whatever the compression
        assertThat(json.get("brokerLogBytes").asLong()).isGreaterThan(100_000);
    }
}
