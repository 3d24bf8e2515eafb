package io.mailstream.console.state;

import java.util.List;
import java.util.Map;

/**
 * What a campaign's own page shows beyond its {@link CampaignRow}: engagement, the guard's holds
 * (with the provider each one brakes), the counts per mailbox provider and those within the guard's window.
 */
public record CampaignDetail(EngagementCounts engagement, List<GuardHoldRow> holds, Map<String, ProviderCount> byProvider,
                             WindowedCounts windowed) {
    public CampaignDetail {
        holds = List.copyOf(holds);
        byProvider = Map.copyOf(byProvider);
        java.util.Objects.requireNonNull(windowed, "windowed");
    }

    /** Without windowed counts. */
    public CampaignDetail(EngagementCounts engagement, List<GuardHoldRow> holds, Map<String, ProviderCount> byProvider) {
        this(engagement, holds, byProvider, WindowedCounts.NONE);
    }
}
