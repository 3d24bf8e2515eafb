package io.mailstream.bounces.stats;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.schemas.sites.MailboxProviders;
import java.util.Optional;

/** Maps delivery events to {@link CampaignEvent}s, classifying bounces the same way everywhere. */
public final class CampaignEvents {
    private CampaignEvents() {
    }

    /** The campaign event of a delivery event; empty when the event belongs to no campaign (transactional mail). */
    public static Optional<CampaignEvent> of(DeliveryEvent e, BounceClassifier classifier) {
        if (e.getCampaignId() == null) {
            return Optional.empty();
        }
        CampaignEvent.Type type = CampaignEvent.Type.valueOf(e.getOutcome().name());
        String reason = null;
        if (type == CampaignEvent.Type.BOUNCED || type == CampaignEvent.Type.EXPIRED) {
            reason = classifier.classify(e.getSmtpReplyCode(), e.getEnhancedStatusCode(), e.getReplyText())
                    .reason().sisimaiName();
        }
        return Optional.of(new CampaignEvent(e.getCampaignId(), type, reason, MailboxProviders.of(e.getRecipient()).orElse(null)));
    }
}
