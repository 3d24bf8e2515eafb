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

/** {@code bench transactional} end to end on its own embedded stack, with small numbers. */
class BenchTransactionalCommandIT {

    @Test
    void benchShouldDeliverEveryTransactionalRequestAndReportLatencyAndCampaignRateAsJson() throws Exception {
        BenchTransactionalCommand command = new BenchTransactionalCommand();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        int exit = new CommandLine(command).execute("--backlog", "20000", "--paused", "1000", "--rate", "10",
                "--duration", "4s", "--warmup", "2000", "--partitions", "3", "--workers", "8", "--per-domain", "4", "--connections", "8", "--json");

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(exit).as(String.join("\n", lines)).isZero();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("transactionalSent").asInt()).isEqualTo(40);
        assertThat(json.get("transactionalRefused").asInt()).isZero();
        // an idle reserved lane can take a message from 202 to 250 within the same millisecond
        assertThat(json.get("p50Millis").asLong()).isNotNegative();
        assertThat(json.get("p99Millis").asLong()).isBetween(json.get("p50Millis").asLong(), json.get("maxMillis").asLong());
        assertThat(json.get("campaignMessagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("campaignDeliveredTotal").asInt()).isBetween(2000, 20000);
        assertThat(json.get("warmup").asInt()).isEqualTo(2000);
        assertThat(json.get("cpuSecondsPer1000").asDouble()).isPositive();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("202 -> SMTP 250: p50 / p99 / max"));
    }
}
