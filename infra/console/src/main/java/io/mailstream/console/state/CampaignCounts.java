package io.mailstream.console.state;

import java.util.Map;

/** A campaign's outcome counts as {@code campaign status} reports them. */
public record CampaignCounts(long delivered, long deferred, long bounced, long expired, long suppressed, long rejected,
                             long cancelled, long complaints, Map<String, Long> bouncedByReason) {
    public static final CampaignCounts NONE = new CampaignCounts(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public CampaignCounts {
        bouncedByReason = Map.copyOf(bouncedByReason);
    }

    /** Messages with a terminal outcome. */
    public long finished() {
        return delivered + bounced + expired + suppressed + rejected + cancelled;
    }
}
