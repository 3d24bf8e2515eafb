package io.mailstream.bounces.api;

import io.mailstream.bounces.topology.BounceConfigException;
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
 */
public record HttpApiConfig(String bindAddress, int port, Optional<String> token, int threads) {
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8090;
    public static final int DEFAULT_THREADS = 4;

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
