package io.mailstream.tracking.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
import io.mailstream.schemas.verp.TrackingTokens;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.events.EngagementSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP: redirects only to signed URLs, 404 for anything else, events as the privacy settings allow. */
class TrackingServerTest {
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    private static final VerpKeys keys = VerpKeys.generate("k1");
    private static final TrackingTokens tokens = new TrackingTokens(keys);
    private static final List<EngagementEvent> events = new CopyOnWriteArrayList<>();
    private static final EngagementSink sink = new EngagementSink() {
        @Override
        public void publish(EngagementEvent event) {
            events.add(event);
        }

        @Override
        public void close() {
        }
    };
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** One server for the class (a JDK HttpServer takes about a second to stop); the privacy test starts its own. */
    private static TrackingServer coarse;
    private TrackingServer server;

    private static TrackingServer newServer(TrackingConfig.Privacy privacy) {
        return TrackingServer.start(new TrackingConfig("127.0.0.1", 0, keys, privacy, Duration.ofSeconds(2)), sink,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private TrackingServer start(TrackingConfig.Privacy privacy) {
        server = privacy.equals(TrackingConfig.Privacy.COARSE) ? coarse : newServer(privacy);
        return server;
    }

    @BeforeAll
    static void startCoarse() {
        coarse = newServer(TrackingConfig.Privacy.COARSE);
    }

    @BeforeEach
    void clear() {
        events.clear();
    }

    @AfterEach
    void stop() {
        if (server != null && server != coarse) {
            server.close();
        }
    }

    @AfterAll
    static void stopCoarse() {
        coarse.close();
    }

    private HttpResponse<byte[]> get(String path, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.localBase() + path)).header("User-Agent", userAgent).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private TrackingTokens.Click click(Instant sentAt) {
        return new TrackingTokens.Click("m1", Optional.of("c1"), Optional.empty(), sentAt, 1, URI.create("https://shop.example.com/a?b=1"));
    }

    @Test
    void aSignedClickShouldRedirectToItsUrlAndWriteOneClickedEvent() throws Exception {
        start(TrackingConfig.Privacy.COARSE);
        HttpResponse<byte[]> r = get("/c/" + tokens.sign(click(NOW.minusSeconds(600))), BROWSER);

        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains("https://shop.example.com/a?b=1");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getKind()).isEqualTo(EngagementKind.CLICKED);
            assertThat(e.getMessageId()).isEqualTo("m1");
            assertThat(e.getCampaignId()).isEqualTo("c1");
            assertThat(e.getLinkIndex()).isEqualTo(1);
            assertThat(e.getUrl()).isEqualTo("https://shop.example.com/a?b=1");
            assertThat(e.getMachine()).isFalse();
            assertThat(e.getClientClass()).isEqualTo("BROWSER");
            assertThat(e.getIpClass()).isEqualTo("LOOPBACK");
            assertThat(e.getIp()).isNull();
            assertThat(e.getUserAgent()).isNull();
        });
    }

    @Test
    void forgedAlteredForeignOrMisplacedTokensShouldGet404AndNoEvent() throws Exception {
        start(TrackingConfig.Privacy.COARSE);
        String good = tokens.sign(click(NOW.minusSeconds(600)));
        String open = tokens.sign(new TrackingTokens.Open("m1", Optional.empty(), Optional.empty(), NOW));
        String foreign = new TrackingTokens(VerpKeys.generate("k1")).sign(click(NOW));
        char last = good.charAt(good.length() - 1);
        String altered = good.substring(0, good.length() - 1) + (last == 'a' ? 'b' : 'a');
        for (String path : List.of("/c/" + altered, "/c/" + foreign, "/c/" + open, "/o/" + good, "/c/", "/c/x/" + good,
                "/c/https%3A%2F%2Fevil.example", "/redirect?url=https://evil.example", "/")) {
            HttpResponse<byte[]> r = get(path, BROWSER);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Location")).as(path).isEmpty();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void theOpenPixelShouldBeAGifAndMachineOpensFlagged() throws Exception {
        start(TrackingConfig.Privacy.COARSE);
        String open = tokens.sign(new TrackingTokens.Open("m1", Optional.of("c1"), Optional.empty(), NOW.minusSeconds(3600)));
        HttpResponse<byte[]> human = get("/o/" + open, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
        get("/o/" + open, "Mozilla/5.0");
        get("/o/" + open, "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)");
        String fresh = tokens.sign(new TrackingTokens.Open("m2", Optional.of("c1"), Optional.empty(), NOW.minusMillis(500)));
        get("/o/" + fresh, BROWSER);

        assertThat(human.statusCode()).isEqualTo(200);
        assertThat(human.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(human.body()).isEqualTo(TrackingHandler.PIXEL);
        assertThat(events).map(e -> e.getKind() + " " + e.getMachine() + " " + e.getClientClass() + " " + e.getMachineReason())
                .containsExactly("OPENED false BROWSER null", "OPENED true PRIVACY_PROXY user-agent",
                        "OPENED false WEBMAIL_PROXY null", "OPENED true BROWSER too-soon");
    }

    @Test
    void headRequestsShouldBeAnsweredWithoutAnEvent() throws Exception {
        start(TrackingConfig.Privacy.COARSE);
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server.localBase() + "/c/" + tokens.sign(click(NOW))))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(events).isEmpty();
    }

    @Test
    void theAddressAndUserAgentShouldBeKeptOnlyWhenConfigured() throws Exception {
        start(new TrackingConfig.Privacy(true, true));
        get("/c/" + tokens.sign(click(NOW.minusSeconds(600))), BROWSER);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getIp()).isEqualTo("127.0.0.1");
            assertThat(e.getUserAgent()).isEqualTo(BROWSER);
        });
    }
}
