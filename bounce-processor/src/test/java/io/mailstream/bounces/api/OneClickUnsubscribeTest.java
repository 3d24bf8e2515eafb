package io.mailstream.bounces.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.SuppressionSource;
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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed one-click unsubscribe (RFC 8058): a page on GET, the unsubscribe on POST, nothing for a token that is not ours. */
class OneClickUnsubscribeTest {
    private final SuppressionApiTokenTest.InMemoryTable table = new SuppressionApiTokenTest.InMemoryTable();
    private final UnsubscribeTokens tokens = new UnsubscribeTokens(VerpKeys.generate("k1"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("Ann@Example.org"),
            Optional.of("spring-news")));
    private SuppressionApi api;
    private URI base;

    @BeforeEach
    void start() {
        api = SuppressionApi.start(HttpApiConfig.loopbackAnyPort(), table, table, Optional.of(tokens),
                Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC));
        base = URI.create("http://127.0.0.1:" + api.port());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void getThePageThenPostItsFormShouldUnsubscribeTheTokensRecipient() throws Exception {
        HttpResponse<String> page = get("/u/" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("<form method=\"post\" action=\"/u/" + token + "\"")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"").contains("a***@example.org")
                .contains("spring-news").doesNotContain("<script");
        assertThat(table.writes).as("a GET never unsubscribes").isEmpty();

        // what the browser sends for the page's form, and what a mailbox provider sends for one-click
        HttpResponse<String> done = post("/u/" + token, "List-Unsubscribe=One-Click");

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(table.writes).containsExactly("put ann@example.org");
        assertThat(table.find("ann@example.org")).hasValueSatisfying(s -> {
            assertThat(s.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
            assertThat(s.getExpiresAt()).isNull();
        });
        assertThat(get("/suppressions/ann@example.org").body()).as("the API shows every part")
                .contains("\"parts\":[{\"kind\":\"unsubscribe\",\"reason\":\"unsubscribe (campaign spring-news)\"");
    }

    @Test
    void aOneClickUnsubscribeShouldApplyToTheListOfTheMessagesCampaignOnly() throws Exception {
        String listToken = tokens.sign(new UnsubscribeTokens.Claim("m2", EmailAddress.parse("cy@example.org"),
                Optional.of("spring-news"), Optional.of("newsletter")));

        assertThat(get("/u/" + listToken).body()).contains("newsletter");
        assertThat(post("/u/" + listToken, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);

        assertThat(table.find("cy@example.org")).hasValueSatisfying(s -> {
            assertThat(s.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
            assertThat(s.getParts()).singleElement().satisfies(p -> {
                assertThat(p.getSource()).isEqualTo(SuppressionSource.UNSUBSCRIBE);
                assertThat(p.getScope()).isEqualTo("newsletter");
                assertThat(p.getExpiresAt()).isNull();
            });
        });
    }

    @Test
    void aForgedTruncatedOrAlteredTokenShouldChangeNothing() throws Exception {
        String otherRecipient = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("bob@example.org"),
                Optional.empty()));
        String[] mine = token.split("\\.");
        String forged = mine[0] + "." + otherRecipient.split("\\.")[1] + "." + mine[2];

        assertThat(get("/u/" + forged).statusCode()).isEqualTo(404);
        assertThat(post("/u/" + forged, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(post("/u/" + token.substring(0, token.length() - 3), "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(post("/u/", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aMissingBodyOrAnotherMethodShouldGetAClearAnswerAndChangeNothing() throws Exception {
        HttpResponse<String> empty = post("/u/" + token, "");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/u/" + token))
                .PUT(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("List-Unsubscribe=One-Click");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(table.writes).isEmpty();
    }

    @Test
    void aReplayedOneClickPostShouldUnsubscribeTheSameRecipientAgainAndNobodyElse() throws Exception {
        assertThat(post("/u/" + token, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        var first = table.find("ann@example.org").orElseThrow();

        HttpResponse<String> replay = post("/u/" + token, "List-Unsubscribe=One-Click");

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(table.writes).containsExactly("put ann@example.org", "put ann@example.org");
        assertThat(table.table).containsOnlyKeys("ann@example.org");
        var again = table.find("ann@example.org").orElseThrow();
        assertThat(again.getSource()).isEqualTo(first.getSource());
        assertThat(again.getExpiresAt()).isNull();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
