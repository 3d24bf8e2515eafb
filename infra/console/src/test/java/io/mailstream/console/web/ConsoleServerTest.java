package io.mailstream.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.console.ConsoleConfig;
import io.mailstream.console.lag.LagRow;
import io.mailstream.console.state.PipelineState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleServerTest {
    private static final String TOKEN = "a-console-token-for-tests";
    private final HttpClient http = HttpClient.newHttpClient();
    private ConsoleServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PipelineState state() {
        PipelineState s = new PipelineState(Clock.systemUTC(), io.mailstream.console.state.SimpleCounting.counting());
        s.acceptCampaign("spring", Campaign.newBuilder().setId("spring").setVersion(1).setName("Spring sale")
                .setSender(io.mailstream.avro.Sender.newBuilder().setAddress("news@example.org").build())
                .setSubjectTemplate("hi").setState(CampaignState.SENDING).setUpdatedAt(Instant.now()).setStateVersion(3)
                .setExpectedMessages(10L).build());
        s.acceptEvent(event("m1", "spring", "a@example.org", Outcome.DELIVERED, 250, "ok"));
        s.acceptEvent(event("m2", "spring", "b@gone.example", Outcome.BOUNCED, 550, "5.1.1 user unknown"));
        s.acceptEvent(event("t1", null, "c@example.org", Outcome.DEFERRED, 451, "try later"));
        s.acceptEvent(event("t1", null, "c@example.org", Outcome.DELIVERED, 250, "queued as 42"));
        return s;
    }

    private static DeliveryEvent event(String id, String campaign, String to, Outcome outcome, int code, String text) {
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId(campaign).setRecipient(to).setOutcome(outcome)
                .setSmtpReplyCode(code).setReplyText(text).setAttempt(1).setTimestamp(Instant.now()).setDispatcherId("d1").build();
    }

    private String base(ConsoleConfig config) {
        server = ConsoleServer.start(config, state(), () -> List.of(new LagRow("mailstream-dispatchers", "mail.outbound", 0,
                OptionalLong.of(5), 9, 4, Optional.of("dispatcher-1/127.0.0.1"))), Optional.empty());
        return "http://127.0.0.1:" + server.port();
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageShouldRenderWhatTheStateHolds() throws Exception {
        String base = base(ConsoleConfig.loopback());
        assertThat(get(base + "/campaigns").body()).contains("Spring sale", "sending", "<progress");
        assertThat(get(base + "/campaigns/spring").body()).contains("version 3", "Spring sale")
                .as("a read-only console (no state changer) offers no buttons").doesNotContain("id=\"pause\"");
        assertThat(get(base + "/campaigns/spring/rate.json").body()).startsWith("{").contains("\"points\"");
        assertThat(get(base + "/domains?filter=gone").body()).contains("gone.example", "550 5.1.1 user unknown")
                .doesNotContain(">example.org<");
        assertThat(get(base + "/domains/gone.example").body()).contains("Top bounce replies", "550 5.1.1 user unknown");
        assertThat(get(base + "/deliverability").body()).contains("0.1 %", "50.00 %");
        assertThat(get(base + "/lag").body()).contains("mailstream-dispatchers", "dispatcher-1/127.0.0.1");
        assertThat(get(base + "/messages?id=t1").body()).contains("deferred", "451 try later", "250 queued as 42");
        assertThat(get(base + "/suppressions").body()).contains("--suppressions-url");
        assertThat(get(base + "/static/vendor/htmx/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(get(base + "/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void engagementGuardHoldsProviderRatesWarmupAndReadinessShouldBeShownAndAHoldResumedFromThePage() throws Exception {
        PipelineState s = state();
        s.acceptCampaign("held", Campaign.newBuilder().setId("held").setVersion(1).setName("Held sale")
                .setSender(io.mailstream.avro.Sender.newBuilder().setAddress("news@example.org").build())
                .setSubjectTemplate("hi").setState(CampaignState.SENDING).setUpdatedAt(Instant.now()).setStateVersion(7)
                .setGuardHolds(java.util.Map.of("google", io.mailstream.avro.GuardHold.newBuilder().setRule("complaint-rate")
                        .setRate(0.004).setLine(0.001).setCount(4).setBase(1000).setWholeCampaign(false)
                        .setDecidedAt(Instant.parse("2026-12-03T10:00:00Z")).setResumedAt(null).build())).build());
        s.acceptEvent(event("h1", "held", "x@gmail.example", Outcome.DELIVERED, 250, "ok"));
        s.acceptEvent(event("h2", "held", "y@gmail.example", Outcome.DELIVERED, 250, "ok"));
        s.acceptComplaint("h1");
        s.acceptEngagement(click("h1", "held"));
        s.acceptEngagement(click("h1", "held"));
        s.acceptEngagement(click("h2", "held"));
        s.acceptGuardDecision("held|google", io.mailstream.avro.GuardDecision.newBuilder().setCampaignId("held")
                .setProvider("google").setRule("complaint-rate").setRate(0.004).setLine(0.001).setCount(4).setBase(1000)
                .setWholeCampaign(false).setDecidedAt(Instant.parse("2026-12-03T10:00:00Z")).build());
        s.acceptWarmup("new-ip|2026-12-03|0", io.mailstream.avro.WarmupCounter.newBuilder().setSchedule("new-ip").setDay("2026-12-03")
                .setPartition(0).setSentToday(120).setHour(10).setSentThisHour(20).setUpdatedAt(Instant.now()).build());
        s.acceptWarmup("new-ip|2026-12-03|1", io.mailstream.avro.WarmupCounter.newBuilder().setSchedule("new-ip").setDay("2026-12-03")
                .setPartition(1).setSentToday(80).setHour(10).setSentThisHour(5).setUpdatedAt(Instant.now())
                .setWaitingAt(Instant.parse("2026-12-03T10:30:00Z")).build());
        List<String> released = new java.util.ArrayList<>();
        CampaignActions actions = new CampaignActions() {
            @Override
            public Result apply(String campaignId, String action, long shownVersion) {
                return new Result(false, "not in this test");
            }

            @Override
            public Result resumeProvider(String campaignId, String provider) {
                released.add(campaignId + "|" + provider);
                return new Result(true, campaignId + ": mail to " + provider + " goes again");
            }
        };
        server = ConsoleServer.start(ConsoleConfig.loopback(), s, () -> List.of(new LagRow("mailstream-dispatcher", "mail.outbound", 0,
                OptionalLong.of(5), 9, 4, Optional.of("dispatcher-1/127.0.0.1"))), Optional.of(actions));
        String base = "http://127.0.0.1:" + server.port();

        assertThat(get(base + "/campaigns/held").body()).contains("held at google", "complaint-rate 0.40 %", "0.10 %", "4 of 1000 delivered",
                "id=\"resume-google\"", "3 (2)", "gmail.example", "50.00 %", "id=\"clickers\">2<",
                "Complaint rate, last 1 h 0 min (guard)", "<td class=\"num window-complaint-rate\">50.00 %</td>");
        assertThat(get(base + "/campaigns/spring").body()).contains("id=\"no-holds\"").doesNotContain("resume-google");
        assertThat(get(base + "/deliverability").body()).contains("id=\"mailbox-providers\"", "gmail.example",
                "id=\"guard-decisions\"", "provider gmail.example: complaint rate 50.00 %");
        assertThat(get(base + "/domains").body()).contains("id=\"warmup\"", "new-ip", "<td class=\"num\">200</td>",
                "<td class=\"num\">25</td>", "id=\"not-published\"");
        assertThat(get(base + "/lag").body()).contains("id=\"services\"", "dispatchers", ">ready<", "bounce processor", ">unknown<",
                "id=\"no-health\"");

        HttpResponse<String> resumed = http.send(HttpRequest.newBuilder(URI.create(base + "/campaigns/held/providers/google/resume"))
                .header("HX-Request", "true").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(resumed.body()).contains("mail to google goes again");
        assertThat(released).containsExactly("held|google");
    }

    private static io.mailstream.avro.EngagementEvent click(String message, String campaign) {
        return io.mailstream.avro.EngagementEvent.newBuilder().setEventId(java.util.UUID.randomUUID().toString()).setMessageId(message)
                .setCampaignId(campaign).setKind(io.mailstream.avro.EngagementKind.CLICKED).setLinkIndex(0).setUrl("https://example.org/a")
                .setMachine(false).setClientClass("BROWSER").setIpClass("PUBLIC_V4").setTimestamp(Instant.now()).build();
    }

    @Test
    void eachDomainShouldShowTheRateConnectionsAndBreakersItsDispatchersPublishSummedOverThem() throws Exception {
        com.sun.net.httpserver.HttpServer metrics = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/d1/metrics", ex -> answer(ex, """
                mailstream_destination_rate_limit{destination="gone.example"} 4.0
                mailstream_destination_connections_open{destination="gone.example"} 3.0
                mailstream_destination_connections_max{destination="gone.example"} 10.0
                mailstream_destination_circuit_open{destination="gone.example"} 1.0
                mailstream_destination_connections_open{destination="mx.relay.test"} 7.0
                mailstream_destination_connections_max{destination="mx.relay.test"} 20.0
                mailstream_destination_circuit_open{destination="mx.relay.test"} 0.0
                mailstream_warmup_day{pool="pool-b",schedule="new-ips"} 3.0
                mailstream_warmup_budget_day{pool="pool-b",schedule="new-ips"} 4000.0
                mailstream_warmup_budget_hour{pool="pool-b",schedule="new-ips"} 400.0
                """));
        metrics.createContext("/d2/metrics", ex -> answer(ex, """
                mailstream_destination_rate_limit{destination="gone.example"} 2.5
                mailstream_destination_connections_open{destination="gone.example"} 2.0
                mailstream_destination_connections_max{destination="gone.example"} 10.0
                mailstream_destination_circuit_open{destination="gone.example"} 0.0
                """));
        metrics.start();
        try {
            String ops = "http://127.0.0.1:" + metrics.getAddress().getPort();
            String base = base(ConsoleConfig.loopback().withHealth(List.of(
                    new io.mailstream.console.health.HealthEndpoint("dispatcher-1", URI.create(ops + "/d1")),
                    new io.mailstream.console.health.HealthEndpoint("dispatcher-2", URI.create(ops + "/d2")))));

            String domains = get(base + "/domains?filter=gone").body();
            assertThat(domains).as("the lowest rate any dispatcher allows, connections summed, breakers counted")
                    .contains("id=\"live-destinations\"", "mx.relay.test", "5 / 20", "open on 1 of 2")
                    .contains("id=\"warmup-live\"", "new-ips", "pool-b", "4000", "400");
            assertThat(get(base + "/domains/table?filter=gone").body()).contains("5 / 20", "open on 1 of 2");
            assertThat(get(base + "/domains/gone.example").body()).contains("id=\"rate-now\"", "as gone.example",
                    "5 / 20", "open on 1 of 2");
            assertThat(get(base + "/domains/example.org").body()).as("a domain no dispatcher publishes, not suspended")
                    .contains("no dispatcher publishes it").doesNotContain("suspended until");
        } finally {
            metrics.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aTokenShouldBeRequiredWhenConfigured() throws Exception {
        String base = base(ConsoleConfig.loopback().withToken(TOKEN));
        assertThat(get(base + "/campaigns").statusCode()).isEqualTo(401);
        assertThat(get(base + "/campaigns", "Accept", "text/html").statusCode()).isEqualTo(303);
        assertThat(get(base + "/campaigns", "Authorization", "Bearer wrong-token-wrong").statusCode()).isEqualTo(401);
        assertThat(get(base + "/campaigns", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString(("ops:" + TOKEN).getBytes());
        assertThat(get(base + "/campaigns", "Authorization", "Basic " + basic).statusCode()).isEqualTo(200);
        assertThat(get(base + "/campaigns", "Cookie", "mailstream_console=" + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get(base + "/static/console.css").statusCode()).isEqualTo(200);
    }

    @Test
    void aStateChangeShouldBeRefusedUnlessItComesFromTheConsolesPages() throws Exception {
        String base = base(ConsoleConfig.loopback());
        HttpRequest plainForm = HttpRequest.newBuilder(URI.create(base + "/campaigns/spring/state"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pause&version=3")).build();
        assertThat(http.send(plainForm, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HttpRequest fromHtmx = HttpRequest.newBuilder(URI.create(base + "/campaigns/spring/state")).header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=pause&version=3")).build();
        HttpResponse<String> readOnly = http.send(fromHtmx, HttpResponse.BodyHandlers.ofString());
        assertThat(readOnly.statusCode()).isEqualTo(409);
        assertThat(readOnly.body()).contains("read-only");
    }
}
