package io.mailstream.bounces.stats;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.bounces.BounceClassifier;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts one campaign's events read straight from the topics (for tools that cannot reach the
 * Streams store): delivery events first, then complaints about the message ids those events named.
 */
public final class CampaignTally {
    private final String campaignId;
    private final BounceClassifier classifier;
    private final Set<String> messageIds = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private CampaignStats stats;

    public CampaignTally(String campaignId, BounceClassifier classifier) {
        this.campaignId = campaignId;
        this.classifier = classifier;
        this.stats = CampaignStats.empty(campaignId);
    }

    public void accept(DeliveryEvent e) {
        if (!campaignId.equals(e.getCampaignId())) {
            return;
        }
        messageIds.add(e.getMessageId());
        // as the stats topology does: one terminal outcome per message, repeats (after a crash) not counted
        if (e.getOutcome() != io.mailstream.avro.Outcome.DEFERRED && !finished.add(e.getMessageId())) {
            return;
        }
        CampaignEvents.of(e, classifier).ifPresent(ev -> stats = stats.plus(ev));
    }

    /** Counts a complaint if it names one of this campaign's messages. */
    public void acceptComplaint(String messageId) {
        if (messageId != null && messageIds.contains(messageId)) {
            stats = stats.plus(new CampaignEvent(campaignId, CampaignEvent.Type.COMPLAINT, null));
        }
    }

    /** Whether any event of the campaign was seen. */
    public boolean isKnown() {
        return !messageIds.isEmpty();
    }

    public CampaignStats stats() {
        return stats;
    }
}
