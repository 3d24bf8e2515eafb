package io.mailstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.cli.Mailstream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mailstream demo --secure}: the whole loop (launch, delivery, bounces, unsubscribes) with
 * every service as its own SCRAM user on SASL_SSL and only its ACLs, and the registry on HTTPS with
 * basic auth, ends with the same checks as the plain demo.
 */
class SecureDemoIT {
    @Test
    void theSecuredDemoShouldDeliverEverythingWithTheSameChecksAsThePlainOne() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        StringWriter err = new StringWriter();
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Mailstream.commandLine();
            cli.setErr(new PrintWriter(err));
            code = cli.execute("demo", "--secure", "--recipients", "200", "--partitions", "3", "--timeout", "PT5M", "--json",
                    "--campaign", "../../examples/welcome/campaign.yaml");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out + err).isZero();
        assertThat(out).contains("every service as its own SCRAM user");
        List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
        JsonNode summary = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.get("complete").asBoolean()).isTrue();
        assertThat(summary.get("delivered").asInt()).isEqualTo(summary.get("sinkReceived").asInt()).isGreaterThanOrEqualTo(200);
        assertThat(summary.get("duplicateTerminalEvents").asInt()).isZero();
        // issue 13: the summary counts the unsubscribes made through the page and through mailto, each way at least one
        assertThat(summary.get("unsubscribedViaPage").asInt()).as("via the one-click page").isPositive();
        assertThat(summary.get("unsubscribedViaMailto").asInt()).as("via the List-Unsubscribe mailto").isPositive();
    }
}
