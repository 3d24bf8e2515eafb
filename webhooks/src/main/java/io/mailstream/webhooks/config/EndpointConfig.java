package io.mailstream.webhooks.config;

import java.net.URI;
import java.util.Objects;

/**
 * One receiver of events. Each endpoint has its own consumer group ({@code <groupPrefix>-<name>}), so one
 * that is down holds only its own position.
 *
 * @param name      1-64 of [A-Za-z0-9._-]: the group suffix and the metrics tag
 * @param startFrom where a new endpoint (no committed position yet) starts: {@code earliest} or {@code latest}
 */
public record EndpointConfig(String name, URI url, SigningKey key, EndpointFilter filter, BatchConfig batch, RetryConfig retry,
                             String startFrom) {
    public EndpointConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(retry, "retry");
        if (!"earliest".equals(startFrom) && !"latest".equals(startFrom)) {
            throw new IllegalArgumentException("startFrom must be earliest or latest, was " + startFrom);
        }
    }

    /** The same endpoint with the secret hidden, for logs. */
    @Override
    public String toString() {
        return "EndpointConfig[name=" + name + ", url=" + url + ", keyId=" + key.id() + ", filter=" + filter + ", batch=" + batch
                + ", retry=" + retry + ", startFrom=" + startFrom + "]";
    }
}
