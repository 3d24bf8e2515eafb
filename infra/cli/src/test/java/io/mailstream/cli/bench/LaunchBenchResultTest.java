package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LaunchBenchResultTest {
    private static final long MB = 1024 * 1024;

    @Test
    void targetsShouldBeMetOnlyWithEnoughEventsPerSecondAndLittleEnoughHeap() {
        assertThat(new LaunchBenchResult(1_000_000, 1_000_000, 1_000_000, 5.0, 200 * MB, 90 * MB, 256 * MB, 12, 42 * MB).targetsMet()).isTrue();
        assertThat(new LaunchBenchResult(1_000_000, 1_000_000, 1_000_000, 20.0, 200 * MB, 90 * MB, 256 * MB, 12, 42 * MB).targetsMet()).isFalse();
        assertThat(new LaunchBenchResult(1_000_000, 1_000_000, 1_000_000, 5.0, 300 * MB, 90 * MB, 512 * MB, 12, 42 * MB).targetsMet()).isFalse();
    }

    @Test
    void jsonShouldCarryEventsPerSecondAndPeakHeap() throws Exception {
        JsonNode json = new ObjectMapper().readTree(
                new LaunchBenchResult(1_000_000, 1_000_000, 1_000_000, 4.0, 150 * MB, 90 * MB, 256 * MB, 12, 42 * MB).toJson());

        assertThat(json.get("eventsPerSecond").asLong()).isEqualTo(250_000);
        assertThat(json.get("peakHeapBytes").asLong()).isEqualTo(150 * MB);
        assertThat(json.get("targetsMet").asBoolean()).isTrue();
        assertThat(json.get("brokerLogBytes").asLong()).isEqualTo(42 * MB);
        assertThat(json.get("peakLiveHeapBytes").asLong()).isEqualTo(90 * MB);
        assertThat(json.get("uniqueRecipients").asLong()).isEqualTo(1_000_000);
    }

    @Test
    void tableShouldBeMarkdownWithTheMeasuredRate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new LaunchBenchResult(1_000, 1_000, 1_000, 0.5, 100 * MB, 90 * MB, -1, 6, 42 * MB).printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("| metric | value |").contains("| events/s | 2,000 |").contains("unbounded")
                .contains("| broker log segments (MB) | 42.0 |");
    }
}
