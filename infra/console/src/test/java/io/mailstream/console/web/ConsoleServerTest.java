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
