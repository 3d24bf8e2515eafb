package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.testkit.PipelineStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transactional API on the embedded stack with its ops endpoint on an ephemeral port: two
 * accepted messages, one unauthenticated and one invalid request show up as exactly that in
 * requests-by-status and messages-accepted; ready while serving, unready after close.
 */
class ApiOpsIT {
    private static final String SECRET = "ops-secret-0123456789";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @Test
    void requestsAndAcceptedMessagesShouldBeCountedByStatus() throws Exception {
        ApiConfig config = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                List.of(new ApiKey("shop", SECRET, Set.of(Domain.of("shop.example")))));
        HttpClient http = HttpClient.newHttpClient();
        try (HttpOpsServer ops = HttpOpsServer.start("api", 0)) {
            OpsClient client = new OpsClient(ops.port());
            ApiServer api = ApiServer.start(config, Clock.systemUTC(), ops.registry());
            try {
                ops.serveHealth(api.health());
                assertThat(client.status("/health/ready")).as(client.get("/health/ready").body()).isEqualTo(200);

                URI messages = URI.create("http://localhost:" + api.port() + "/v1/messages");
                String valid = """
                        {"from": "orders@shop.example", "to": "alice@example.com", "subject": "Order", "text": "Thanks."}""";
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + SECRET)
                            .POST(HttpRequest.BodyPublishers.ofString(valid)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                }
                assertThat(http.send(HttpRequest.newBuilder(messages).POST(HttpRequest.BodyPublishers.ofString(valid)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
                assertThat(http.send(HttpRequest.newBuilder(messages).header("Authorization", "Bearer " + SECRET)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\": 1}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);

                // A request is counted once its response is written: the client can read the reply first.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(OpsClient.sum(client.metrics(), "mailstream_api_requests_total", Map.of())).isEqualTo(4.0));
                String m = client.metrics();
                assertThat(OpsClient.sum(m, "mailstream_api_requests_total", Map.of("method", "POST", "status", "202")))
                        .isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_api_requests_total", Map.of("status", "401"))).isEqualTo(1.0);
                assertThat(OpsClient.sum(m, "mailstream_api_requests_total", Map.of("status", "400"))).isEqualTo(1.0);
                assertThat(OpsClient.sum(m, "mailstream_api_requests_total", Map.of())).isEqualTo(4.0);
                assertThat(OpsClient.sum(m, "mailstream_api_messages_accepted_total", Map.of())).isEqualTo(2.0);
                assertThat(OpsClient.sum(m, "mailstream_api_publish_failures_total", Map.of())).isZero();
            } finally {
                api.close();
            }
            assertThat(client.status("/health/ready")).as("ready after close").isEqualTo(503);
            assertThat(client.status("/health/live")).as("live after close").isEqualTo(503);
        }
    }
}
