package io.mailstream.embedded.registry.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mailstream.embedded.registry.RegistryServerSecurity;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers 401 as Confluent's registry does to a request without valid basic credentials; passes the rest on. */
public final class BasicAuthFilter implements HttpHandler {
    private static final byte[] UNAUTHORIZED = "{\"error_code\":401,\"message\":\"Unauthorized: basic credentials are missing or wrong\"}"
            .getBytes(StandardCharsets.UTF_8);
    private final RegistryServerSecurity security;
    private final HttpHandler next;

    public BasicAuthFilter(RegistryServerSecurity security, HttpHandler next) {
        this.security = security;
        this.next = next;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (security.authenticate(exchange.getRequestHeaders().getFirst("Authorization")).isPresent()) {
            next.handle(exchange);
            return;
        }
        try (exchange) {
            exchange.getRequestBody().close();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mailstream schema registry\"");
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(401, UNAUTHORIZED.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(UNAUTHORIZED);
            }
        }
    }
}
