package io.mailstream.bounces.stats;

import io.mailstream.avro.EngagementEvent;
import java.util.HashSet;
import java.util.Set;

/** Counts one campaign's engagement read straight from {@code mail.engagement}, as the stats topology does ({@link EngagementLedger}). */
public final class EngagementTally {
    private final String campaignId;
    private final Set<String> seen;
    private EngagementStats stats;

    /** Remembers every key seen ({@code campaign status}: one campaign, then exit). */
    public EngagementTally(String campaignId) {
        this(campaignId, new HashSet<>());
    }

    /** Remembers the keys in {@code seen}, which a reader may share between campaigns and bound ({@link RecentKeys}). */
    public EngagementTally(String campaignId, Set<String> seen) {
        this.campaignId = campaignId;
        this.seen = seen;
        this.stats = EngagementStats.empty(campaignId);
    }

    public void accept(EngagementEvent e) {
        if (!campaignId.equals(e.getCampaignId())) {
            return;
        }
        EngagementLedger.apply(e, seen::contains).ifPresent(step -> {
            seen.addAll(step.mark());
            stats = stats.plus(step.count());
        });
    }

    public EngagementStats stats() {
        return stats;
    }
}
