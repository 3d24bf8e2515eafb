package io.mailstream.bounces.stats;

import java.util.Objects;

/**
 * One countable thing that happened to a campaign's message: a delivery outcome or a complaint.
 *
 * @param reason the Sisimai reason name for bounced and expired messages, else null
 */
public record CampaignEvent(String campaignId, Type type, String reason) {
    /** Delivery outcomes (as in {@code DeliveryEvent.Outcome}) plus complaints. */
    public enum Type { DELIVERED, DEFERRED, BOUNCED, EXPIRED, SUPPRESSED, REJECTED, CANCELLED, COMPLAINT }

    public CampaignEvent {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(type, "type");
    }
}
