package io.mailstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code mailstream demo --secure}: the whole loop (launch, delivery, bounces, unsubscribes) with
 * every service as its own SCRAM user on SASL_SSL and only its ACLs, and the registry on HTTPS with
 * basic auth, ends with the same checks as the plain demo. With {@code --webhook}, the webhooks service
 * (as its own user too) posts every event of the run to a real HTTP receiver that verifies each signature.
 * With {@code --console}, the console stays up on the demo's stack afterwards, as its own user too.
 */
class SecureDemoIT {
    private static final String SECRET = "secure-demo-webhook-secret";

    private static final Pattern CONSOLE = Pattern.compile("console: (http://\\S+/) \\(campaign (\\S+);");

    private static Optional<String> consoleLine(ByteArrayOutputStream captured) {
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> CONSOLE.matcher(l).find()).findFirst();
    }

    /**
     * issue 17: {@code demo --console} serves the console on the demo's stack, here as the console's own
     * least-privilege principal: the campaign finishes on its page, the bounced domain shows its 550s and
     * a bounced address is found suppressed through the suppression API.
     */
    private static void theConsoleShouldShowTheDemo(String line) throws Exception {
        Matcher m = CONSOLE.matcher(line);
        assertThat(m.find()).isTrue();
        String base = m.group(1);
        String campaign = m.group(2);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(body(http, campaign)).contains("state-done"));
        assertThat(body(http, base + "domains/reject.demo.test")).contains("550");
        assertThat(body(http, base + "suppressions?address=gone0@reject.demo.test")).contains("userunknown");
        assertThat(body(http, base + "lag")).contains("id=\"services\"");
        // the demo's own services' ops ports are the console's --health targets (DemoOps): each one's readiness on the lag
        // page, the dispatcher's pools and per-destination series (the SMTP sink it delivered to) on the domains page
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body(http, base + "lag/table"))
                .containsPattern("<tr class=\"health-ready\"><td><a href=\"http://127\\.0\\.0\\.1:\\d+/health/ready\">demo-dispatcher-1</a>")
                .containsPattern("<tr class=\"health-ready\"><td><a href=\"[^\"]+\">bounce-processor</a>"));
        String domains = body(http, base + "domains");
        assertThat(domains).contains("<h3>demo-dispatcher-1</h3>").doesNotContain("id=\"no-destinations\"", "id=\"no-metrics\"");
        assertThat(body(http, base + "deliverability")).contains("Per mailbox provider");
    }

    private static String body(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

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
        AtomicInteger exit = new AtomicInteger(-1);
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        // --console keeps the demo up after its summary; an interrupt is its Ctrl-C
        Thread demo = Thread.ofPlatform().name("secure-demo").start(() -> {
            CommandLine cli = Mailstream.commandLine();
            cli.setErr(new PrintWriter(err));
            exit.set(cli.execute("demo", "--secure", "--recipients", "200", "--partitions", "3", "--timeout", "PT5M", "--json",
                    "--campaign", "../../examples/welcome/campaign.yaml",
                    "--webhook", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "--webhook-secret", SECRET,
                    "--console", "--console-port", "0"));
        });
        try {
            await().atMost(Duration.ofMinutes(6)).until(() -> consoleLine(captured).isPresent() || !demo.isAlive());
            String line = consoleLine(captured).orElseThrow(() -> new AssertionError("the demo printed no console address: "
                    + captured.toString(StandardCharsets.UTF_8) + err));
            theConsoleShouldShowTheDemo(line);
        } finally {
            demo.interrupt();
            demo.join(Duration.ofMinutes(2));
            System.setOut(original);
            receiver.stop(0);
        }
        int code = exit.get();
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
        // Suppression events (bounce, complaint, unsubscribe) name the message that caused them too: they are not
        // delivery outcomes, so the per-message order below is of the delivery events only.
        List<String> suppressionTypes = List.of("bounce", "complaint", "unsubscribe");
        assertThat(byId.values()).filteredOn(e -> e.get("type").asText().equals("bounce"))
                .as("a bounce the bounce processor tied to its message names it").anyMatch(e -> e.hasNonNull("messageId"));
        byId.values().stream().filter(e -> e.hasNonNull("messageId") && !suppressionTypes.contains(e.get("type").asText()))
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
