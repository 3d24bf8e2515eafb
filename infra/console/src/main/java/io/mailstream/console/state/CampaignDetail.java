package io.mailstream.console.state;

import java.util.List;
import java.util.Map;

/**
 * What a campaign's own page shows beyond its {@link CampaignRow}: engagement, the guard's holds
 * (with the provider each one brakes) and the counts per mailbox provider.
 */
public record CampaignDetail(EngagementCounts engagement, List<GuardHoldRow> holds, Map<String, ProviderCount> byProvider) {
    public CampaignDetail {
        holds = List.copyOf(holds);
        byProvider = Map.copyOf(byProvider);
    }
}
