package io.mailstream.producer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class MeteredHandlerTest {

    @Test
    void requestsShouldBeCountedByMethodAndStatusWithUnusualMethodsAsOther() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", new ApiMetrics(registry, Clock.systemUTC()).instrument(exchange -> {
            try (exchange) {
                int status = exchange.getRequestURI().getPath().equals("/ok") ? 202 : 404;
                exchange.sendResponseHeaders(status, -1);
            }
        }));
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://localhost:" + server.getAddress().getPort();
            for (String path : new String[] {"/ok", "/ok", "/missing"}) {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(URI.create(base + "/ok")).method("BREW", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } finally {
            server.stop(0);
        }

        assertThat(registry.get(ApiMetrics.REQUESTS).tag("method", "POST").tag("status", "202").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(ApiMetrics.REQUESTS).tag("method", "POST").tag("status", "404").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(ApiMetrics.REQUESTS).tag("method", "other").counter().count()).isEqualTo(1.0);
        assertThat(registry.find(ApiMetrics.REQUESTS).counters().stream().map(c -> c.getId().getTag("method")))
                .doesNotContain("BREW");
    }
}
