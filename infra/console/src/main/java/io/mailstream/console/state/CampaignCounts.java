package io.mailstream.console.state;

import java.util.Map;

/**
 * A campaign's outcome counts as {@code campaign status} reports them.
 *
 * @param byProvider counts per mailbox provider (the guard's), empty from a counter that keeps none
 */
public record CampaignCounts(long delivered, long deferred, long bounced, long expired, long suppressed, long rejected,
                             long cancelled, long complaints, Map<String, Long> bouncedByReason,
                             Map<String, ProviderCount> byProvider) {
    public static final CampaignCounts NONE = new CampaignCounts(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public CampaignCounts {
        bouncedByReason = Map.copyOf(bouncedByReason);
        byProvider = Map.copyOf(byProvider);
    }

    /** Counts with none by provider. */
    public CampaignCounts(long delivered, long deferred, long bounced, long expired, long suppressed, long rejected,
                          long cancelled, long complaints, Map<String, Long> bouncedByReason) {
        this(delivered, deferred, bounced, expired, suppressed, rejected, cancelled, complaints, bouncedByReason, Map.of());
    }

    /** Messages with a terminal outcome. */
    public long finished() {
        return delivered + bounced + expired + suppressed + rejected + cancelled;
    }
}
