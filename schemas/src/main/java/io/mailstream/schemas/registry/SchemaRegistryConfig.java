package io.mailstream.schemas.registry;

import java.net.URI;
import java.time.Duration;

/** Where the registry is and how long one request may take. */
public record SchemaRegistryConfig(URI url, Duration requestTimeout) {
    public SchemaRegistryConfig {
        if (url == null) {
            throw new IllegalArgumentException("schema registry url is required (e.g. http://localhost:8081)");
        }
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("schema registry url must be http or https, was '" + url + "'");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("schema registry request timeout must be positive, was " + requestTimeout);
        }
    }

    public static SchemaRegistryConfig of(String url) {
        return new SchemaRegistryConfig(URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                Duration.ofSeconds(10));
    }
}
