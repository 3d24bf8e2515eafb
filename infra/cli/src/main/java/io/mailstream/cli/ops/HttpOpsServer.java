package io.mailstream.cli.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.OpsServer;
import io.mailstream.telemetry.ServiceHealth;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of one service, on the JDK's HTTP server with one named thread:
 * {@code GET /metrics} (Prometheus text format 0.0.4), {@code GET /health/live} and
 * {@code GET /health/ready} (JSON, 200 when up, 503 when not), {@code /health} = readiness. Until
 * the service hands over its health the endpoint is live and not ready; after {@link #close()}
 * nothing listens.
 */
public final class HttpOpsServer implements OpsServer {
    /** Handler threads of the ops endpoint. */
    static final int THREADS = 2;

    private static final Logger log = LoggerFactory.getLogger(HttpOpsServer.class);
    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String service;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final HttpServer http;
    private final ExecutorService executor;
    private volatile ServiceHealth health = Starting.INSTANCE;

    private HttpOpsServer(String service, int port) {
        this.service = service;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        this.gc = new JvmGcMetrics();
        for (MeterBinder binder : new MeterBinder[] {new JvmMemoryMetrics(), gc, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics()}) {
            binder.bindTo(registry);
        }
        // Two threads: one client that sends its request slowly (held until the launcher's request
        // timeout) must not keep a probe or a scrape from being answered.
        AtomicInteger threadNo = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "mailstream-ops-" + service + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            this.http = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            gc.close();
            registry.close();
            throw new OpsServerException("cannot listen for /metrics and /health on port " + port + " (" + e.getMessage()
                    + "); choose another with --metrics-port, or --no-metrics", e);
        }
        http.createContext("/metrics", this::metrics);
        http.createContext("/health", this::health);
        http.setExecutor(executor);
        http.start();
        log.info("{}: /metrics and /health on port {}", service, port());
    }

    /** Starts listening; port 0 picks a free one. */
    public static HttpOpsServer start(String service, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("ops port must be 0..65535, was " + port);
        }
        return new HttpOpsServer(service, port);
    }

    @Override
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void serveHealth(ServiceHealth health) {
        this.health = java.util.Objects.requireNonNull(health, "health");
    }

    @Override
    public int port() {
        return http.getAddress().getPort();
    }

    private void metrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "text/plain; charset=utf-8", "use GET\n");
                return;
            }
            respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, registry.scrape());
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            HealthReport report;
            try {
                switch (path) {
                    case "/health", "/health/", "/health/ready" -> report = health.readiness();
                    case "/health/live" -> report = health.liveness();
                    default -> {
                        respond(exchange, 404, "application/json", "{\"error\":\"use /health/live or /health/ready\"}");
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // A health check that throws is a service that cannot tell: not up.
                log.warn("{}: health check for {} failed", service, path, e);
                report = HealthReport.of(java.util.Map.of("healthCheck", false));
            }
            respond(exchange, report.up() ? 200 : 503, "application/json", HealthJson.render(service, report));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gc.close();
        registry.close();
        log.info("{}: ops endpoint stopped", service);
    }

    /** The answer before the service exists: alive (starting), not ready. */
    private enum Starting implements ServiceHealth {
        INSTANCE;

        @Override
        public HealthReport liveness() {
            return HealthReport.of(java.util.Map.of("starting", true));
        }

        @Override
        public HealthReport readiness() {
            return HealthReport.of(java.util.Map.of("started", false));
        }
    }

    /** Thrown when the endpoint cannot start; says which port and what to do. */
    public static final class OpsServerException extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        OpsServerException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
