package io.mailstream.console.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mailstream.console.ConsoleConfigException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eachServiceShouldBeReadyNotReadyOrUnreachableAsItAnswers() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ready/health/ready", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
        server.createContext("/starting/health/ready", ex -> answer(ex, 503, "{\"status\":\"DOWN\",\"checks\":{\"kafka\":false}}"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens there once closed
        }

        List<HealthRow> rows = new HealthProbe(List.of(new HealthEndpoint("dispatcher-1", URI.create(base + "/ready/")),
                new HealthEndpoint("bounce-processor", URI.create(base + "/starting")),
                new HealthEndpoint("api", URI.create("http://127.0.0.1:" + closed)))).probe();

        assertThat(rows).extracting(HealthRow::name, HealthRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dispatcher-1", HealthRow.Status.READY),
                org.assertj.core.groups.Tuple.tuple("bounce-processor", HealthRow.Status.NOT_READY),
                org.assertj.core.groups.Tuple.tuple("api", HealthRow.Status.UNREACHABLE));
        assertThat(rows.get(0).url()).isEqualTo(base + "/ready/health/ready");
        assertThat(rows.get(1).detail()).contains("\"kafka\":false");
        assertThat(rows.get(2).detail()).contains("Connect");
    }

    @Test
    void aDispatchersMetricsShouldGiveItsConnectionsAndItsPoliciesRatesAndOtherServicesNone() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/d1/metrics", ex -> answer(ex, 200, """
                # HELP mailstream_smtp_pool_connections SMTP connections of the pool, summed over destinations
                # TYPE mailstream_smtp_pool_connections gauge
                mailstream_smtp_pool_connections{state="open"} 12.0
                mailstream_smtp_pool_connections{state="busy"} 9.0
                mailstream_smtp_pool_connections{state="idle"} 3.0
                mailstream_smtp_pool_connections_max 64.0
                mailstream_throttle_rate{policy="gmail"} 25.0
                mailstream_throttle_rate_cap{policy="gmail"} 50.0
                mailstream_throttle_suspended{policy="gmail"} 1.0
                mailstream_throttle_rate{policy="default"} 100.0
                mailstream_throttle_rate_cap{policy="default"} 100.0
                mailstream_throttle_suspended{policy="default"} 0.0
                """));
        server.createContext("/bp/metrics", ex -> answer(ex, 200, "mailstream_bounces_received_total 4.0\n"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        List<DispatcherPools> pools = new HealthProbe(List.of(new HealthEndpoint("dispatcher-1", URI.create(base + "/d1")),
                new HealthEndpoint("bounce-processor", URI.create(base + "/bp")))).pools();

        assertThat(pools).hasSize(1);
        DispatcherPools d = pools.getFirst();
        assertThat(d.name()).isEqualTo("dispatcher-1");
        assertThat(d.open()).hasValue(12.0);
        assertThat(d.busy()).hasValue(9.0);
        assertThat(d.max()).hasValue(64.0);
        assertThat(d.policies()).containsExactly(new DispatcherPools.PolicyRate("default", 100, 100, false),
                new DispatcherPools.PolicyRate("gmail", 50, 25, true));
    }

    @Test
    void anEndpointShouldBeHttpWithAHost() {
        assertThatThrownBy(() -> new HealthEndpoint("x", URI.create("ftp://host:1"))).isInstanceOf(ConsoleConfigException.class)
                .hasMessageContaining("--health x");
        assertThatThrownBy(() -> new HealthEndpoint(" ", URI.create("http://host:1"))).isInstanceOf(ConsoleConfigException.class);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
