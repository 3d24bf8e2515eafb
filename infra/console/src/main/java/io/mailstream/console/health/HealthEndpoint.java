package io.mailstream.console.health;

import io.mailstream.console.ConsoleConfigException;
import java.net.URI;

/**
 * A service's ops port to ask for its readiness ({@code --health NAME=URL}): the dispatchers', bounce
 * processor's and API's {@code --metrics-port}, whose {@code /health/ready} answers 200 when ready, 503 when not,
 * and whose {@code /metrics} (a dispatcher's) has its pools' connections and its policies' rates.
 */
public record HealthEndpoint(String name, URI base) {
    public HealthEndpoint {
        if (name == null || name.isBlank()) {
            throw new ConsoleConfigException("--health wants NAME=URL, the name was empty");
        }
        if (base == null || base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
            throw new ConsoleConfigException("--health " + name + " must be http(s)://host:port of the service's ops port, was " + base);
        }
    }

    /** The readiness URL: the base's {@code /health/ready}. */
    public URI readiness() {
        return under("/health/ready");
    }

    /** The Prometheus URL: the base's {@code /metrics}. */
    public URI metrics() {
        return under("/metrics");
    }

    private URI under(String path) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
}
