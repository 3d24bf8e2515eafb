package io.mailstream.bounces.stats;

import java.util.Objects;

/**
 * One countable thing that happened to a campaign's message: a delivery outcome or a complaint.
 *
 * @param reason   the Sisimai reason name for bounced and expired messages, else null
 * @param provider the recipient's mailbox provider ({@link io.mailstream.schemas.sites.MailboxProviders}),
 *                 null when its domain is not in the provider table or not known (counted for the campaign only)
 */
public record CampaignEvent(String campaignId, Type type, String reason, String provider) {
    /**
     * Delivery outcomes (as in {@code DeliveryEvent.Outcome}) plus complaints, and
     * {@code BOUNCED_AFTER_DELIVERY}: a message counted as delivered (a relay accepted it) whose
     * DSN says it bounced, so it moves from delivered to bounced.
     */
    public enum Type { DELIVERED, DEFERRED, BOUNCED, EXPIRED, SUPPRESSED, REJECTED, CANCELLED, COMPLAINT, BOUNCED_AFTER_DELIVERY }

    public CampaignEvent {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(type, "type");
    }

    /** An event whose recipient's provider is not known. */
    public CampaignEvent(String campaignId, Type type, String reason) {
        this(campaignId, type, reason, null);
    }
}
