package io.mailstream.dispatcher.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on 127.0.0.1 serving an MTA-STS policy file at {@code /.well-known/mta-sts.txt}
 * (RFC 8461 §3.3) as {@code text/plain}, with the given TLS identity. The policy can be replaced
 * while it runs; counts the fetches.
 */
public final class StsPolicyServer implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicReference<String> policy;
    private final Map<String, String> perHost;
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    public StsPolicyServer(SSLContext tls, String policy) throws IOException {
        this(tls, policy, Map.of());
    }

    /** Serves {@code perHost}'s policy to a request whose Host header names that host, {@code policy} to others. */
    public StsPolicyServer(SSLContext tls, String policy, Map<String, String> perHost) throws IOException {
        this.policy = new AtomicReference<>(policy);
        this.perHost = Map.copyOf(perHost);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            fetches.incrementAndGet();
            String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
            byte[] body = this.perHost.getOrDefault(host, this.policy.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** A policy file of {@code mode} naming {@code mx} patterns, valid for a day. */
    public static String policy(String mode, String... mx) {
        StringBuilder b = new StringBuilder("version: STSv1\r\nmode: ").append(mode).append("\r\n");
        for (String m : mx) {
            b.append("mx: ").append(m).append("\r\n");
        }
        return b.append("max_age: 86400\r\n").toString();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public int fetches() {
        return fetches.get();
    }

    /** Stops serving; the tests use it to play a policy host that went away. Idempotent. */
    @Override
    public void close() {
        if (!closed.getAndSet(true)) {
            server.stop(0);
        }
    }
}
