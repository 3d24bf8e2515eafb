package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchConsoleCommandTest {
    @Test
    void benchConsoleShouldTimeEveryPageAndPrintOneJsonObjectLast() throws Exception {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new BenchConsoleCommand()).setOut(new PrintWriter(out))
                .execute("--campaigns", "3", "--domains", "20", "--events-per-campaign", "50", "--requests", "2", "--json");
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(code).as(out.toString()).isZero();
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("events").asLong()).isEqualTo(3 * 50 + 100);
        assertThat(json.get("pages").size()).isEqualTo(11);
        assertThat(json.get("pages").get("/domains").get("bytes").asLong()).isPositive();
        assertThat(json.get("pages").get("/lag").get("maxMs").asDouble()).isPositive();
    }

    @Test
    void aTooShortLimitShouldFailTheRun() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new BenchConsoleCommand()).setOut(new PrintWriter(out))
                .execute("--campaigns", "2", "--domains", "5", "--events-per-campaign", "10", "--requests", "1", "--max-ms", "-1");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("a page took longer than -1 ms");
    }
}
