package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench delivery} end to end on its own embedded stack, with a small campaign. */
class BenchDeliveryCommandIT {

    @Test
    void benchShouldDeliverEveryMessageOnceAndReportBothPhasesAsJson() throws Exception {
        BenchDeliveryCommand command = new BenchDeliveryCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(command).execute("--messages", "2000", "--warmup", "300", "--raw-messages", "500", "--partitions", "3",
                "--workers", "4", "--per-domain", "2", "--connections", "4", "--timeout", "PT3M", "--json",
                "--campaign", Path.of("..", "..", "examples", "welcome", "campaign.yaml").toString());

        assertThat(exit).isZero();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("messages").asLong()).isEqualTo(2300);
        assertThat(json.get("measured").asLong()).isEqualTo(2000);
        assertThat(json.get("delivered").asLong()).isEqualTo(2300);
        assertThat(json.get("duplicates").asLong()).isZero();
        assertThat(json.get("sinkAccepted").asLong()).isEqualTo(2300);
        assertThat(json.get("rawBeforeMessagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("rawAfterMessagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("rawSmtpMessagesPerSecond").asDouble())
                .isEqualTo(Math.max(json.get("rawBeforeMessagesPerSecond").asDouble(), json.get("rawAfterMessagesPerSecond").asDouble()));
        assertThat(json.get("cpuSecondsPer1000").asDouble()).isPositive();
        assertThat(json.get("rawCpuSecondsPer1000").asDouble()).isPositive();
        assertThat(json.get("ratioToRaw").asDouble()).isPositive();
        assertThat(json.get("jitCpuSeconds").asDouble()).isNotNegative();
        // the uniform workload's 4 domains are 4 sites; their rates add up to the timed part's (less what was
        // delivered before the bench saw the warm-up end, which counts for neither)
        JsonNode sites = json.get("siteMessagesPerSecond");
        assertThat(sites.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("example.com", "example.org", "example.net", "demo.test");
        double sum = 0;
        for (var site : sites.properties()) {
            assertThat(site.getValue().asDouble()).as(site.getKey()).isPositive();
            sum += site.getValue().asDouble();
        }
        assertThat(sum).isBetween(0.5 * json.get("messagesPerSecond").asDouble(), 1.05 * json.get("messagesPerSecond").asDouble());
    }
}
