package io.mailstream.webhooks.config;

import io.mailstream.webhooks.event.WebhookEvent;
import java.util.Set;

/**
 * Which events an endpoint receives: an empty set means "all". An event without a campaign
 * (transactional mail, suppressions) never matches a campaign filter.
 */
public record EndpointFilter(Set<String> types, Set<String> campaigns, Set<String> tenants) {
    public static final EndpointFilter ALL = new EndpointFilter(Set.of(), Set.of(), Set.of());

    public EndpointFilter {
        types = Set.copyOf(types);
        campaigns = Set.copyOf(campaigns);
        tenants = Set.copyOf(tenants);
    }

    public boolean matches(WebhookEvent e) {
        return (types.isEmpty() || types.contains(e.type()))
                && (campaigns.isEmpty() || (e.campaignId() != null && campaigns.contains(e.campaignId())))
                && (tenants.isEmpty() || tenants.contains(e.tenant()));
    }

    /** Whether any event of {@code sourceTypes} can pass: the endpoint subscribes only to topics that can. */
    public boolean acceptsAnyOf(Set<String> sourceTypes) {
        return types.isEmpty() || sourceTypes.stream().anyMatch(types::contains);
    }
}
