package io.mailstream.cli.transactional;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.dispatcher.Dispatcher;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.producer.api.ApiConfig;
import io.mailstream.producer.api.ApiKey;
import io.mailstream.producer.api.ApiServer;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the API publishes, a real dispatcher delivers: inline content without a campaign reaches the
 * SMTP sink as sent, and {@code GET /v1/messages/{id}} then reports DELIVERED.
 */
class TransactionalDeliveryIT {
    private static final String SECRET = "shop-secret-0123456789";

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    @Test
    void acceptedInlineMessageShouldBeDeliveredOnceAndReportedDelivered() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        STACK.sink().reset();
        DispatcherConfig dispatcherConfig = DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .dispatcherId("transactional-dispatcher")
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounces.mailstream.test").verpKeys(VerpKeys.generate("t"))
                .build();
        ApiConfig apiConfig = ApiConfig.of(0, STACK.bootstrapServers(), STACK.schemaRegistryUrl(),
                List.of(new ApiKey("shop", SECRET, Set.of(Domain.of("shop.example")))));
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();

        try (Dispatcher dispatcher = Dispatcher.create(dispatcherConfig, registry);
             ApiServer api = ApiServer.start(apiConfig, registry, Clock.systemUTC())) {
            dispatcher.start();
            String body = """
                    {"from": "orders@shop.example", "fromName": "Shop", "to": "alice@example.com",
                     "subject": "Your order 1042", "text": "Thanks for your order.", "headers": {"X-Order": "1042"}}""";
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/v1/messages"))
                    .header("Authorization", "Bearer " + SECRET)
                    .header("Idempotency-Key", "order-1042")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> accepted = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            String id = json.readTree(accepted.body()).get("id").asText();
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202);

            HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port() + "/v1/messages/" + id))
                    .header("Authorization", "Bearer " + SECRET).GET().build();
            Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                JsonNode status = json.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
                assertThat(status.get("status").asText()).isEqualTo("DELIVERED");
            });
        }

        List<ReceivedMessage> received = STACK.sink().received();
        assertThat(received).hasSize(1);
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(received.get(0).raw()));
        assertThat(mime.getSubject()).isEqualTo("Your order 1042");
        assertThat(mime.getHeader("X-Order", null)).isEqualTo("1042");
        assertThat(mime.getFrom()[0].toString()).contains("orders@shop.example");
        assertThat(received.get(0).recipients().get(0).normalized()).isEqualTo("alice@example.com");
    }
}
