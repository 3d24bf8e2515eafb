package io.mailstream.console;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import io.mailstream.console.health.HealthEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * The console's settings, validated once.
 *
 * @param bind              address to listen on; anything but loopback requires a token
 * @param port              0 picks a free port
 * @param token             required on every request (bearer header, the login cookie, or basic auth's password)
 * @param suppressionsUrl   the bounce processor's suppression API; the suppression page is off without it
 * @param suppressionsToken the API's bearer token, sent on the console's lookups, removals and exports
 * @param health            services whose {@code /health/ready} the lag page asks; none: readiness from the groups only
 */
public record ConsoleConfig(String bind, int port, Optional<String> token, Optional<URI> suppressionsUrl,
                            Optional<String> suppressionsToken, List<HealthEndpoint> health) {
    public static final int DEFAULT_PORT = 8088;
    public static final String DEFAULT_BIND = "127.0.0.1";

    public ConsoleConfig {
        if (port < 0 || port > 65535) {
            throw new ConsoleConfigException("--port must be 0..65535, was " + port);
        }
        token = token.filter(t -> !t.isBlank());
        if (token.isPresent() && token.get().length() < 12) {
            throw new ConsoleConfigException("--token must be at least 12 characters (a guessable token guards nothing)");
        }
        if (token.isEmpty() && !isLoopback(bind)) {
            throw new ConsoleConfigException("the console is bound to " + bind + ", which is not loopback: give it a --token "
                    + "(or MAILSTREAM_CONSOLE_TOKEN), or bind it to 127.0.0.1 and reach it through an SSH tunnel");
        }
        if (suppressionsUrl.isPresent() && !suppressionsUrl.get().getScheme().matches("https?")) {
            throw new ConsoleConfigException("--suppressions-url must be http(s)://host:port, was " + suppressionsUrl.get());
        }
        health = List.copyOf(health);
    }

    /** Settings without health endpoints. */
    public ConsoleConfig(String bind, int port, Optional<String> token, Optional<URI> suppressionsUrl,
                         Optional<String> suppressionsToken) {
        this(bind, port, token, suppressionsUrl, suppressionsToken, List.of());
    }

    public static ConsoleConfig loopback() {
        return new ConsoleConfig(DEFAULT_BIND, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public ConsoleConfig withSuppressions(URI url, Optional<String> apiToken) {
        return new ConsoleConfig(bind, port, token, Optional.of(url), apiToken, health);
    }

    public ConsoleConfig withToken(String newToken) {
        return new ConsoleConfig(bind, port, Optional.of(newToken), suppressionsUrl, suppressionsToken, health);
    }

    public ConsoleConfig withHealth(List<HealthEndpoint> endpoints) {
        return new ConsoleConfig(bind, port, token, suppressionsUrl, suppressionsToken, endpoints);
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConsoleConfigException("--bind " + host + " is not an address of this machine: " + e.getMessage());
        }
    }
}
