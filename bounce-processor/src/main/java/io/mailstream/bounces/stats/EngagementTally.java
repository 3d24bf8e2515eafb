package io.mailstream.bounces.stats;

import io.mailstream.avro.EngagementEvent;
import java.util.HashSet;
import java.util.Set;

/** Counts one campaign's engagement read straight from {@code mail.engagement}, as the stats topology does ({@link EngagementLedger}). */
public final class EngagementTally {
    private final String campaignId;
    private final Set<String> seen = new HashSet<>();
    private EngagementStats stats;

    public EngagementTally(String campaignId) {
        this.campaignId = campaignId;
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
