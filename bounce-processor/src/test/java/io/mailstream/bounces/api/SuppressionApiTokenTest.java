package io.mailstream.bounces.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.SuppressionWriter;
import io.mailstream.bounces.topology.BounceConfigException;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.mailstream.schemas.verp.VerpKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The optional bearer token: /suppressions needs it, the signed one-click pages /u/ (used by mailbox providers) do not. */
class SuppressionApiTokenTest {
    private static final String TOKEN = "0123456789abcdef-secret";

    /** A table in memory with the view and writer contracts, so the HTTP layer is tested without Kafka. */
    static final class InMemoryTable implements SuppressionView, SuppressionWriter {
        final Map<String, Suppression> table = new TreeMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        public synchronized Optional<Suppression> find(String normalizedAddress) {
            return Optional.ofNullable(table.get(normalizedAddress));
        }

        @Override
        public synchronized List<Suppression> page(Optional<String> after, int limit) {
            return table.entrySet().stream().filter(e -> after.map(a -> e.getKey().compareTo(a) > 0).orElse(true))
                    .limit(limit).map(Map.Entry::getValue).toList();
        }

        @Override
        public synchronized void forEach(BiConsumer<String, Suppression> action) {
            table.forEach(action);
        }

        @Override
        public synchronized void put(Suppression s) {
            table.put(s.getAddress(), s);
            writes.add("put " + s.getAddress());
        }

        @Override
        public synchronized void remove(EmailAddress address) {
            table.remove(address.normalized());
            writes.add("remove " + address.normalized());
        }
    }

    @Test
    void suppressionsShouldNeedTheTokenAndUnsubscribeShouldNot() throws Exception {
        InMemoryTable table = new InMemoryTable();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        HttpApiConfig config = new HttpApiConfig("127.0.0.1", 0, Optional.of(TOKEN), 2);
        HttpClient http = HttpClient.newHttpClient();
        UnsubscribeTokens tokens = new UnsubscribeTokens(VerpKeys.generate("k1"));
        try (SuppressionApi api = SuppressionApi.start(config, table, table, Optional.of(tokens), clock)) {
            URI base = URI.create("http://127.0.0.1:" + api.port());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/suppressions/a@example.com")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("Authorization: Bearer");

            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(base.resolve("/suppressions"))
                    .header("Authorization", "Bearer nope").POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"a@example.com\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(table.writes).isEmpty();

            HttpResponse<String> added = http.send(HttpRequest.newBuilder(base.resolve("/suppressions"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"a@example.com\",\"expiresAt\":\"2026-12-01T00:00:00Z\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(table.find("a@example.com")).hasValueSatisfying(s ->
                    assertThat(s.getExpiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z")));

            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(base.resolve("/unsubscribe?address=c%40example.com"))
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).as("the unsigned endpoint is gone").isEqualTo(404);
            String token = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("b@example.com"), Optional.empty()));
            HttpResponse<String> unsubscribed = http.send(HttpRequest.newBuilder(base.resolve("/u/" + token))
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsubscribed.statusCode()).isEqualTo(200);
            assertThat(table.writes).containsExactly("put a@example.com", "put b@example.com");
        }
    }

    @Test
    void expiresAtInThePastAndABadQueryEscapeShouldBeRefused() throws Exception {
        InMemoryTable table = new InMemoryTable();
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        try (SuppressionApi api = SuppressionApi.start(HttpApiConfig.loopbackAnyPort(), table, table, clock)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + api.port() + "/suppressions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"a@example.com\",\"expiresAt\":\"2026-01-01T00:00:00Z\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("expiresAt").contains("must be in the future");
            // java.net.http refuses to send a malformed URI: write the request by hand. The JDK
            // server refuses it before any handler runs (QueryString's own check is a second line)
            String badEscape;
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.port())) {
                socket.getOutputStream().write(("GET /suppressions?after=a%zz HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                badEscape = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertThat(badEscape).startsWith("HTTP/1.1 400");
            assertThat(table.writes).isEmpty();
        }
    }

    @Test
    void anApiOnANonLoopbackAddressWithoutATokenShouldFailAtStartNamingTheFix() {
        assertThatThrownBy(() -> new HttpApiConfig("0.0.0.0", 8090, Optional.empty(), 4))
                .isInstanceOf(BounceConfigException.class)
                .hasMessageContaining("http.token").hasMessageContaining("0.0.0.0").hasMessageContaining("--http-token");
        assertThat(new HttpApiConfig("127.0.0.1", 8090, Optional.empty(), 4).token()).isEmpty();
        assertThat(new HttpApiConfig("localhost", 8090, Optional.empty(), 4).token()).isEmpty();
        assertThat(new HttpApiConfig("0.0.0.0", 8090, Optional.of(TOKEN), 4).token()).contains(TOKEN);
    }

    @Test
    void configShouldRefuseAShortTokenAndABadPort() {
        assertThatThrownBy(() -> new HttpApiConfig("0.0.0.0", 8090, Optional.of("short"), 4))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("http.token");
        assertThatThrownBy(() -> new HttpApiConfig("127.0.0.1", 70000, Optional.empty(), 4))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("http.port");
    }
}
