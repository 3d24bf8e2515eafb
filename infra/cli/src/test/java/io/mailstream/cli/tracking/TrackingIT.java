package io.mailstream.cli.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.bounces.cli.CampaignStatusCommand;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.render.TrackingSettings;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.Progress;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.tracking.TrackingConfig;
import io.mailstream.tracking.events.KafkaEngagementSink;
import io.mailstream.tracking.http.TrackingServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Click and open tracking end to end (issue 18): a campaign is rendered with tracked links and a
 * pixel by a real dispatcher, delivered to the SMTP sink, the tracked link is clicked with a real
 * HTTP client (302 to the right URL), the event lands in {@code mail.engagement} and
 * {@code campaign status} shows it; forged and altered tokens get 404.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackingIT {
    private static final String CAMPAIGN_ID = "tracking-it";
    private static final String SALE = "https://shop.example.com/sale?id=42&src=mail";
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final Pattern HREF = Pattern.compile("(?:href|src)=\"(http://127\\.0\\.0\\.1:\\d+/([co])/[^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The run's shared stack: this class starts no broker of its own when another class already did. */
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.sharedPerJvm();

    @TempDir
    static Path work;

    private static KafkaEngagementSink sink;
    private static TrackingServer server;
    private static String clickUrl;
    private static String openUrl;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void sendATrackedCampaign() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        VerpKeys keys = VerpKeys.generate("t");
        sink = new KafkaEngagementSink(KafkaConnection.plaintext(STACK.bootstrapServers()), registry);
        // no minimum delay: the test clicks within a second of sending, as no person would (TrackingServerTest covers it)
        server = TrackingServer.start(new TrackingConfig("127.0.0.1", 0, keys, TrackingConfig.Privacy.COARSE, Duration.ZERO),
                sink, Clock.systemUTC());
        Files.writeString(work.resolve("r.csv"), "email,name\nann@example.com,Ann\n");
        Path campaign = Files.writeString(work.resolve("campaign.yaml"), """
                id: %s
                sender:
                  address: news@example.com
                subject: "Sale"
                html: '<p>Hi {{name}}, <a href="%s">see the sale</a> or <a href="mailto:help@example.com">ask</a>.</p>'
                text: "Hi {{name}}, see %s"
                tracking:
                  opens: true
                recipients: r.csv
                """.formatted(CAMPAIGN_ID, SALE.replace("&", "&amp;"), SALE));
        STACK.sink().reset();
        DispatcherConfig config = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers()).schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("tracking-it").groupId("tracking-it").smtpHost(STACK.stack().smtpHost()).smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(keys)
                .tracking(TrackingSettings.parse(server.localBase().toString(), ""))
                .build();
        LaunchConfig launch = LaunchConfig.of(STACK.bootstrapServers(), registry).withRejectsFile(work.resolve("rejects.csv"));
        try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
            dispatcher.start();
            try (CampaignLauncher launcher = CampaignLauncher.connect(launch, Clock.systemUTC(), Progress.NONE)) {
                launcher.launch(campaign);
            }
            Awaitility.await("the tracked mail at the sink").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> STACK.sink().received().size() == 1);
        }
        ReceivedMessage mail = STACK.sink().received().getFirst();
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail.raw()));
        String html = (String) ((MimeMultipart) mime.getContent()).getBodyPart(1).getContent();
        assertThat(html).contains("href=\"mailto:help@example.com\"").doesNotContain(SALE.replace("&", "&amp;"));
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            if (m.group(2).equals("c")) {
                clickUrl = m.group(1).replace("&amp;", "&");
            } else {
                openUrl = m.group(1);
            }
        }
        assertThat(clickUrl).as("a tracked link in " + html).isNotNull();
        assertThat(openUrl).as("an open pixel in " + html).isNotNull();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (sink != null) {
            sink.close();
        }
    }

    private HttpResponse<byte[]> get(String url, String userAgent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode engagement() {
        return status().path("engagement");
    }

    private JsonNode status(String... more) {
        StringWriter out = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of(CAMPAIGN_ID, "--json", "--bootstrap-servers", STACK.bootstrapServers(),
                "--schema-registry", STACK.schemaRegistryUrl()));
        args.addAll(List.of(more));
        int code = new CommandLine(new CampaignStatusCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(out.toString()).isZero();
        try {
            List<String> lines = out.toString().lines().toList();
            return JSON.readTree(lines.getLast());
        } catch (Exception e) {
            throw new AssertionError(out.toString(), e);
        }
    }

    @Test
    @Order(1)
    void clickingTheTrackedLinkShouldRedirectToItsUrlAndShowInCampaignStatus() throws Exception {
        HttpResponse<byte[]> r = get(clickUrl, BROWSER);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).contains(SALE);
        get(clickUrl, BROWSER); // a second click of the same person: total 2, unique 1

        Awaitility.await("clicks in campaign status").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> engagement().path("clicks").asLong() == 2);
        JsonNode e = engagement();
        assertThat(e.path("uniqueClicks").asLong()).isEqualTo(1);
        assertThat(e.path("links").path("0").path("url").asText()).isEqualTo(SALE);
        assertThat(e.path("links").path("0").path("uniqueClicks").asLong()).isEqualTo(1);

        // who clicked is known per campaign: the recipient of the clicked message, from its delivery event
        JsonNode clickers = status("--clickers", "--clickers-limit", "10").path("clickers");
        assertThat(clickers.path("total").asInt()).isEqualTo(1);
        assertThat(clickers.path("recipients")).singleElement().satisfies(c -> {
            assertThat(c.path("recipient").asText()).isEqualTo("ann@example.com");
            assertThat(c.path("clicks").asLong()).isEqualTo(2);
            assertThat(c.path("links").toString()).isEqualTo("[0]");
        });
        assertThat(status().has("clickers")).as("listed only when asked").isFalse();
    }

    @Test
    @Order(2)
    void forgedOrAlteredTokensShouldGet404AndNoRedirect() throws Exception {
        String token = clickUrl.substring(clickUrl.indexOf("/c/") + 3);
        String base = clickUrl.substring(0, clickUrl.indexOf("/c/") + 3);
        char last = token.charAt(token.length() - 1);
        String[] parts = token.split("\\.");
        String otherPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("shop.example.com", "evil.example.net").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String forged : List.of(base + token.substring(0, token.length() - 1) + (last == 'a' ? 'b' : 'a'),
                base + parts[0] + "." + otherPayload + "." + parts[2], base + "t.aHR0cHM6Ly9ldmlsLmV4YW1wbGU.abcdefghijklmnop")) {
            HttpResponse<byte[]> r = get(forged, BROWSER);
            assertThat(r.statusCode()).as(forged).isEqualTo(404);
            assertThat(r.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    @Order(3)
    void theOpenPixelShouldCountHumanOpensAndFlagPrivacyProxyPrefetches() throws Exception {
        HttpResponse<byte[]> human = get(openUrl, BROWSER);
        get(openUrl, "Mozilla/5.0"); // Apple Mail Privacy Protection's prefetch

        assertThat(human.statusCode()).isEqualTo(200);
        assertThat(human.headers().firstValue("Content-Type")).contains("image/gif");
        Awaitility.await("opens in campaign status").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> engagement().path("machineOpens").asLong() == 1);
        JsonNode e = engagement();
        assertThat(e.path("opens").asLong()).isEqualTo(1);
        assertThat(e.path("uniqueOpens").asLong()).isEqualTo(1);
        assertThat(e.path("clicks").asLong()).as("forged tokens counted nothing").isEqualTo(2);
    }
}
