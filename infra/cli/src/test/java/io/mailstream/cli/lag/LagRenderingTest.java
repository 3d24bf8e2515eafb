package io.mailstream.cli.lag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.cli.Mailstream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LagRenderingTest {
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
    private static final LagSnapshot SNAPSHOT = new LagSnapshot(T, List.of(
            new PartitionLag("mailstream-dispatcher", "mail.outbound", 0, OptionalLong.of(40), 0, 100, 60),
            new PartitionLag("mailstream-dispatcher", "mail.outbound", 1, OptionalLong.empty(), 5, 25, 20),
            new PartitionLag("mailstream-dispatcher", "mail.transactional", 0, OptionalLong.of(3), 0, 3, 0)));

    @Test
    void tableShouldShowUncommittedPartitionsAsDashAndTotalsPerTopicAndGroup() {
        String table = LagTable.render(new LagReport(SNAPSHOT, Map.of(), OptionalLong.empty()));

        assertThat(table).containsPattern("mailstream-dispatcher\\s+mail.outbound\\s+1\\s+-\\s+25\\s+20")
                .containsPattern("mail.outbound\\s+total\\s+80")
                .contains("mailstream-dispatcher        total lag 80", "total lag 80");
    }

    @Test
    void jsonShouldBeOneObjectPerSampleWithNullCommittedAndDrainSeconds() throws Exception {
        LagRate rate = LagCalculator.rate("mailstream-dispatcher", 180, 80, Duration.ofSeconds(10));
        String line = LagJson.render(new LagReport(SNAPSHOT, Map.of("mailstream-dispatcher", rate), OptionalLong.of(100)));

        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("totalLag").asLong()).isEqualTo(80);
        assertThat(json.path("maxLagCrossed").asBoolean()).isFalse();
        JsonNode group = json.path("groups").get(0);
        assertThat(group.path("direction").asText()).isEqualTo("draining");
        assertThat(group.path("drainSeconds").asDouble()).isEqualTo(8.0);
        assertThat(group.path("partitions").get(1).path("committed").isNull()).isTrue();
        assertThat(group.path("topics").path("mail.outbound").asLong()).isEqualTo(80);
    }

    @Test
    void humanDurationsShouldBeShort() {
        assertThat(LagTable.human(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(LagTable.human(Duration.ofSeconds(725))).isEqualTo("12m 5s");
        assertThat(LagTable.human(Duration.ofMinutes(200))).isEqualTo("3h 20m");
    }

    @Test
    void invalidOptionsShouldExitWithTwoBeforeConnecting() {
        CommandLine cli = Mailstream.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("lag", "--samples", "0")).isEqualTo(2);
        assertThat(cli.execute("lag", "--interval", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--samples must be >= 1", "not a duration");
    }
}
