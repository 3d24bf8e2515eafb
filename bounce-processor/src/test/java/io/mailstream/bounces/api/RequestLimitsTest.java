package io.mailstream.bounces.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.mailstream.schemas.verp.VerpKeys;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and huge requests to the unsubscribe and suppression endpoints get a clear answer (408, 413)
 * and change nothing; the API goes on answering others meanwhile. Raw sockets, so the test controls
 * exactly what arrives and when.
 */
class RequestLimitsTest {
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(1);
    private final SuppressionApiTokenTest.InMemoryTable table = new SuppressionApiTokenTest.InMemoryTable();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(VerpKeys.generate("k1"));
    private final String token = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("ann@example.org"),
            Optional.of("spring-news")));
    private final List<Socket> sockets = new ArrayList<>();
    private SuppressionApi api;

    @BeforeEach
    void start() {
        api = SuppressionApi.start(HttpApiConfig.loopbackAnyPort().withBodyTimeout(BODY_TIMEOUT), table, table,
                Optional.of(tokens), Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        api.close();
    }

    @Test
    void aOneClickPostAnnouncingAHugeBodyShouldGet413BeforeItIsSentAndUnsubscribeNobody() throws Exception {
        Socket s = open();
        send(s, "POST /u/" + token + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 3000000\r\n\r\nList-Unsubscribe=One-Click");

        assertThat(statusLine(s)).startsWith("HTTP/1.1 413 ");
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aOneClickPostWithAnUnannouncedBodyOverTheLimitShouldGet413AndUnsubscribeNobody() throws Exception {
        byte[] body = ("List-Unsubscribe=One-Click&pad=" + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve("/u/" + token))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(), // chunked
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("Nothing done");
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aOneClickPostWhoseBodyTricklesShouldGet408AndUnsubscribeNobodyWhileOthersAreServed() throws Exception {
        Socket loris = open();
        send(loris, "POST /u/" + token + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 26\r\n\r\nList-Unsub");

        long started = System.nanoTime();
        assertThat(statusLine(loris)).startsWith("HTTP/1.1 408 ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BODY_TIMEOUT.plusSeconds(5));
        send(loris, "scribe=One-Click"); // the rest, too late

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve("/u/" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("the API still serves others").isEqualTo(200);
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aSuppressionPostWhoseBodyTricklesShouldGet408AndWriteNothing() throws Exception {
        Socket loris = open();
        send(loris, "POST /suppressions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 34\r\n\r\n{\"address\": \"bo");

        assertThat(statusLine(loris)).startsWith("HTTP/1.1 408 ");
        send(loris, "b@example.org\"}");
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aSuppressionPostAnnouncingABodyOverTheLimitShouldGet413AndWriteNothing() throws Exception {
        Socket s = open();
        send(s, "POST /suppressions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (SuppressionsHandler.MAX_BODY_BYTES + 1) + "\r\n\r\n{\"address\": \"bob@example.org\"}");

        assertThat(statusLine(s)).startsWith("HTTP/1.1 413 ");
        assertThat(table.writes).isEmpty();
    }

    @Test
    void wrongMethodsAndAMissingBodyOnSuppressionsShouldGetAClearAnswerAndWriteNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(base().resolve("/suppressions"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"address\": \"bob@example.org\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> postToAddress = http.send(HttpRequest.newBuilder(base().resolve("/suppressions/bob@example.org"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noBody = http.send(HttpRequest.newBuilder(base().resolve("/suppressions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(postToAddress.statusCode()).isEqualTo(405);
        assertThat(postToAddress.headers().firstValue("Allow")).contains("GET, DELETE");
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(noBody.body()).contains("\"error\"");
        assertThat(table.writes).isEmpty();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + api.port());
    }

    private Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", api.port());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    private static String statusLine(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }
}
