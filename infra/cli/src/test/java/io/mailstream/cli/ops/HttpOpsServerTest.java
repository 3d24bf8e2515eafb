package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpOpsServerTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void metricsShouldBePrometheusTextWithServiceTagAndJvmMeters() throws Exception {
        try (HttpOpsServer ops = HttpOpsServer.start("test-service", 0)) {
            Counter.builder("mailstream.test.things").tag("kind", "a").register(ops.registry()).increment(3);
            HttpResponse<String> r = new OpsClient(ops.port()).get("/metrics");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(OpsClient.sum(r.body(), "mailstream_test_things_total", Map.of("kind", "a", "service", "test-service")))
                    .isEqualTo(3.0);
            assertThat(OpsClient.has(r.body(), "jvm_memory_used_bytes")).isTrue();
            assertThat(OpsClient.has(r.body(), "process_uptime_seconds")).isTrue();
        }
    }

    @Test
    void aClientTricklingItsRequestShouldNotKeepALivenessProbeFromBeingAnswered() throws Exception {
        try (HttpOpsServer ops = HttpOpsServer.start("svc", 0);
             Socket slow = new Socket("localhost", ops.port())) {
            slow.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();

            long started = System.nanoTime();
            assertThat(new OpsClient(ops.port()).status("/health/live")).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void healthShouldBeLiveButNotReadyUntilTheServiceHandsOverItsHealth() throws Exception {
        try (HttpOpsServer ops = HttpOpsServer.start("svc", 0)) {
            OpsClient client = new OpsClient(ops.port());
            assertThat(client.status("/health/live")).isEqualTo(200);
            assertThat(client.status("/health/ready")).isEqualTo(503);
            assertThat(client.status("/health")).isEqualTo(503);
        }
    }

    @Test
    void healthShouldFollowTheServiceAndRenderItsChecksAsJson() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HttpOpsServer ops = HttpOpsServer.start("svc", 0)) {
            ops.serveHealth(new ServiceHealth() {
                @Override
                public HealthReport liveness() {
                    return HealthReport.of(Map.of("alive", true));
                }

                @Override
                public HealthReport readiness() {
                    return new HealthReport(Map.of("tablesLoaded", ready.get()), Map.of("state", ready.get() ? "RUNNING" : "STARTING"));
                }
            });
            OpsClient client = new OpsClient(ops.port());
            HttpResponse<String> down = client.get("/health/ready");
            assertThat(down.statusCode()).isEqualTo(503);
            JsonNode body = json.readTree(down.body());
            assertThat(body.get("status").asText()).isEqualTo("DOWN");
            assertThat(body.get("service").asText()).isEqualTo("svc");
            assertThat(body.get("checks").get("tablesLoaded").asBoolean()).isFalse();
            assertThat(body.get("details").get("state").asText()).isEqualTo("STARTING");

            ready.set(true);
            HttpResponse<String> up = client.get("/health");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(json.readTree(up.body()).get("status").asText()).isEqualTo("UP");
            assertThat(client.status("/health/live")).isEqualTo(200);
            assertThat(client.status("/health/other")).isEqualTo(404);
        }
    }

    @Test
    void aHealthCheckThatThrowsShouldAnswer503NotCrash() throws Exception {
        try (HttpOpsServer ops = HttpOpsServer.start("svc", 0)) {
            ops.serveHealth(new ServiceHealth() {
                @Override
                public HealthReport liveness() {
                    throw new IllegalStateException("boom");
                }

                @Override
                public HealthReport readiness() {
                    throw new IllegalStateException("boom");
                }
            });
            OpsClient client = new OpsClient(ops.port());
            assertThat(client.status("/health/live")).isEqualTo(503);
            assertThat(client.status("/metrics")).isEqualTo(200);
        }
    }

    @Test
    void closedServerShouldNoLongerListen() throws Exception {
        HttpOpsServer ops = HttpOpsServer.start("svc", 0);
        int port = ops.port();
        ops.close();
        assertThatThrownBy(() -> new OpsClient(port).status("/health/live")).isInstanceOf(IOException.class);
    }

    @Test
    void aTakenPortShouldFailWithThePortAndWhatToDo() {
        try (HttpOpsServer first = HttpOpsServer.start("one", 0)) {
            assertThatThrownBy(() -> HttpOpsServer.start("two", first.port()))
                    .isInstanceOf(HttpOpsServer.OpsServerException.class)
                    .hasMessageContaining("port " + first.port())
                    .hasMessageContaining("--metrics-port");
        }
    }

    @Test
    void disabledPortShouldStartNoServer() {
        try (var ops = new HttpOpsServerFactory().start("svc", -1)) {
            assertThat(ops.port()).isEqualTo(-1);
            assertThat(ops.registry()).isNotNull();
        }
    }
}
