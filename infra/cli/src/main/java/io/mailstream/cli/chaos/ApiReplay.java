package io.mailstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.cli.scaleout.FreePorts;
import io.mailstream.cli.scaleout.JvmLauncher;
import io.mailstream.cli.scaleout.ScaleOutException;
import io.mailstream.cli.scaleout.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One transactional request sent through an API process of its own ({@code mailstream api}), so that
 * the same request with the same {@code Idempotency-Key} can be sent again through another one: the
 * key maps to the same message id on every replica, and the dispatchers' sent-ledger mails it once.
 */
final class ApiReplay {
    static final String RECIPIENT = "receipt@api.chaos.test";
    static final String IDEMPOTENCY_KEY = "chaos-order-1";
    private static final String SECRET = "chaos-api-secret-0123456789";
    private static final String BODY = "{\"from\": \"orders@sender.chaos.test\", \"to\": \"" + RECIPIENT + "\","
            + " \"subject\": \"Your order 1\", \"text\": \"Thanks for order 1.\"}";
    private static final Duration START = Duration.ofSeconds(120);

    private ApiReplay() {
    }

    /** Starts an API process named {@code name}, sends the request once, stops the process; returns the message id. */
    static String sendOnce(JvmLauncher jvms, String name, Path dir, String bootstrap, String registryUrl, List<String> jvm,
            String main) {
        int port = FreePorts.next();
        Path config = dir.resolve(name + ".yaml");
        try {
            Files.writeString(config, String.join("\n",
                    "port: " + port,
                    "bootstrapServers: " + bootstrap,
                    "schemaRegistry: " + registryUrl,
                    "apiKeys:",
                    "  - id: chaos",
                    "    secret: " + SECRET,
                    "    senderDomains: [sender.chaos.test]",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        ServiceProcess api = jvms.start(name, jvm, main, List.of("api", "--config", config.toString(), "--no-metrics"));
        try {
            FreePorts.await(api, port, START);
            return post(port, name);
        } finally {
            api.stop(Duration.ofSeconds(20));
        }
    }

    private static String post(int port, String name) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/messages"))
                .header("Authorization", "Bearer " + SECRET)
                .header("Idempotency-Key", IDEMPOTENCY_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new ScaleOutException(name + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode id = new ObjectMapper().readTree(response.body()).path("id");
            if (!id.isTextual()) {
                throw new ScaleOutException(name + " answered 202 without a message id: " + response.body());
            }
            return id.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("POST /v1/messages to " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScaleOutException("interrupted while calling " + name);
        }
    }
}
