package io.mailstream.producer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Set;

/**
 * Counts the requests an HTTP handler answered, by method and status
 * ({@value ApiMetrics#REQUESTS}). Labels stay bounded: methods outside the usual few count as
 * {@code other}, and the status is the code our own handler chose (or {@code none} if it sent none).
 */
final class MeteredHandler implements HttpHandler {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

    private final HttpHandler delegate;
    private final MeterRegistry registry;

    MeteredHandler(HttpHandler delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            delegate.handle(exchange);
        } finally {
            int status = exchange.getResponseCode();
            String method = exchange.getRequestMethod();
            Counter.builder(ApiMetrics.REQUESTS).description("HTTP requests answered, by method and status")
                    .tag("method", METHODS.contains(method) ? method : "other")
                    .tag("status", status < 0 ? "none" : Integer.toString(status))
                    .register(registry).increment();
        }
    }
}
