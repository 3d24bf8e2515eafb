package io.mailstream.webhooks.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhooks service: its endpoints and the prefix of their consumer groups.
 */
public record WebhooksConfig(String groupPrefix, List<EndpointConfig> endpoints) {
    public static final String DEFAULT_GROUP_PREFIX = "mailstream-webhooks";

    public WebhooksConfig {
        if (groupPrefix == null || !groupPrefix.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("groupPrefix must be 1-200 of [A-Za-z0-9._-], was '" + groupPrefix + "'");
        }
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        Set<String> names = new HashSet<>();
        for (EndpointConfig e : endpoints) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("endpoint name '" + e.name() + "' is used twice: names must be unique");
            }
        }
    }

    /** The consumer group of one endpoint. */
    public String groupOf(EndpointConfig endpoint) {
        return groupPrefix + "-" + endpoint.name();
    }
}
