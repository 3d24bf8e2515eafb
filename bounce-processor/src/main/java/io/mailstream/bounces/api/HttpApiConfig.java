package io.mailstream.bounces.api;

import io.mailstream.bounces.topology.BounceConfigException;
import io.mailstream.schemas.http.ServerTls;
import java.util.Optional;

/**
 * The bounce processor's HTTP API (suppressions, one-click unsubscribe).
 *
 * @param bindAddress interface to listen on
 * @param port        TCP port; 0 = any free port
 * @param token       if present, every endpoint but the one-click pages {@code /u/<token>} requires {@code Authorization: Bearer <token>};
 *                    required unless {@code bindAddress} is a loopback address (the list of who may not be mailed,
 *                    and the power to lift it, must not be open to the network)
 * @param threads     request threads
 * @param bodyTimeout how long a handler waits for a request body ({@code POST /suppressions}, {@code POST /u/<token>})
 *                    before it answers 408 and changes nothing
 * @param tls         HTTPS with this key store; empty: plain HTTP (behind a TLS-terminating proxy, or on loopback)
 */
public record HttpApiConfig(String bindAddress, int port, Optional<String> token, int threads, java.time.Duration bodyTimeout,
                            Optional<ServerTls> tls) {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    public static final int DEFAULT_THREADS = 4;
    /** Well under the launcher's JVM-wide request timeout (30 s), so the client gets the 408 before the JDK drops it. */
    public static final java.time.Duration DEFAULT_BODY_TIMEOUT = java.time.Duration.ofSeconds(10);

    public HttpApiConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw BounceConfigException.invalid("http.bindAddress", "is required");
        }
        if (port < 0 || port > 65535) {
            throw BounceConfigException.invalid("http.port", "must be 0-65535 (0 = any free port), was " + port);
        }
        if (token == null) {
            throw BounceConfigException.invalid("http.token", "must be given or empty (Optional), was null");
        }
        if (token.isPresent() && (token.get().length() < 16 || !token.get().matches("[\\x21-\\x7e]+"))) {
            throw BounceConfigException.invalid("http.token", "must be at least 16 printable ASCII characters without spaces");
        }
        if (token.isEmpty() && !isLoopback(bindAddress)) {
            throw BounceConfigException.invalid("http.token", "is required when the API listens on " + bindAddress
                    + ", which is not a loopback address: /suppressions lists and lifts suppressions. Set --http-token"
                    + " (or MAILSTREAM_HTTP_TOKEN, 16+ characters), or --http-bind-address 127.0.0.1");
        }
        if (threads < 1) {
            throw BounceConfigException.invalid("http.threads", "must be at least 1, was " + threads);
        }
        if (bodyTimeout == null || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw BounceConfigException.invalid("http.bodyTimeout", "must be a positive duration, was " + bodyTimeout);
        }
        if (tls == null) {
            throw BounceConfigException.invalid("http.tls", "must be given or empty (Optional), was null");
        }
    }

    /** Plain HTTP. */
    public HttpApiConfig(String bindAddress, int port, Optional<String> token, int threads, java.time.Duration bodyTimeout) {
        this(bindAddress, port, token, threads, bodyTimeout, Optional.empty());
    }

    /** With the default {@link #DEFAULT_BODY_TIMEOUT}. */
    public HttpApiConfig(String bindAddress, int port, Optional<String> token, int threads) {
        this(bindAddress, port, token, threads, DEFAULT_BODY_TIMEOUT);
    }

    public HttpApiConfig withBodyTimeout(java.time.Duration timeout) {
        return new HttpApiConfig(bindAddress, port, token, threads, timeout, tls);
    }

    public HttpApiConfig withTls(Optional<ServerTls> serverTls) {
        return new HttpApiConfig(bindAddress, port, token, threads, bodyTimeout, serverTls);
    }

    private static boolean isLoopback(String address) {
        try {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            throw BounceConfigException.invalid("http.bindAddress", "unknown host " + address);
        }
    }

    /** Loopback on a free port, no token: for embedded use and tests. */
    public static HttpApiConfig loopbackAnyPort() {
        return new HttpApiConfig("127.0.0.1", 0, Optional.empty(), DEFAULT_THREADS);
    }
}
