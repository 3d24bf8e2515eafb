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
import com.sun.net.httpserver.HttpServer;
import io.mailstream.webhooks.sign.SignatureVerifier;
import io.mailstream.webhooks.sign.WebhookSigner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mailstream demo --secure}: the whole loop (launch, delivery, bounces, unsubscribes) with
 * every service as its own SCRAM user on SASL_SSL and only its ACLs, and the registry on HTTPS with
 * basic auth, ends with the same checks as the plain demo. With {@code --webhook}, the webhooks service
 * (as its own user too) posts every event of the run to a real HTTP receiver that verifies each signature.
 */
class SecureDemoIT {
    private static final String SECRET = "secure-demo-webhook-secret";

    @Test
    void theSecuredDemoShouldDeliverEverythingWithTheSameChecksAsThePlainOne() throws Exception {
        SignatureVerifier verifier = new SignatureVerifier(Map.of("demo", SECRET), Duration.ofMinutes(5));
        AtomicInteger badSignatures = new AtomicInteger();
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (verifier.verify(ex.getRequestHeaders().getFirst(WebhookSigner.HEADER), body, Instant.now()) != SignatureVerifier.Result.VALID) {
                badSignatures.incrementAndGet();
                ex.sendResponseHeaders(401, -1);
            } else {
                new ObjectMapper().readTree(body).forEach(events::add);
                ex.sendResponseHeaders(200, -1);
            }
            ex.close();
        });
        receiver.start();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        StringWriter err = new StringWriter();
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            CommandLine cli = Mailstream.commandLine();
            cli.setErr(new PrintWriter(err));
            code = cli.execute("demo", "--secure", "--recipients", "200", "--partitions", "3", "--timeout", "PT5M", "--json",
                    "--campaign", "../../examples/welcome/campaign.yaml",
                    "--webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "--webhook-secret", SECRET);
        } finally {
            System.setOut(original);
            receiver.stop(0);
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

        // issue 18: every event of the run reached the webhook, signed, once after de-duplication by id, in order per message
        assertThat(badSignatures).hasValue(0);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.get("id").asText(), e));
        Map<String, List<String>> perMessage = new LinkedHashMap<>();
        byId.values().stream().filter(e -> e.hasNonNull("messageId"))
                .forEach(e -> perMessage.computeIfAbsent(e.get("messageId").asText(), k -> new ArrayList<>()).add(e.get("type").asText()));
        // every published message has exactly one terminal outcome, so one entry here
        assertThat(perMessage).hasSize(summary.get("published").asInt());
        // one terminal outcome per message, last: deferrals (if any) came before it
        assertThat(perMessage.values()).allSatisfy(types -> {
            assertThat(types.getLast()).isNotEqualTo("deferred");
            assertThat(types.subList(0, types.size() - 1)).allMatch("deferred"::equals);
        });
        assertThat(perMessage.values().stream().filter(t -> t.getLast().equals("delivered")).count())
                .isEqualTo(summary.get("delivered").asLong());
        assertThat(byId.values()).extracting(e -> e.get("type").asText()).contains("bounce", "unsubscribe", "bounced");
        assertThat(out).contains("webhook: ").contains("0 dead-lettered");
    }
}
