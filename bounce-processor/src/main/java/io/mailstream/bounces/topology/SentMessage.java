package io.mailstream.bounces.topology;

/**
 * What the {@code recipient-by-message} store keeps of a message handed to a server: its normalised
 * recipient, for campaign mail its campaign (whose list scopes a mailto unsubscribe), and its tenant (whose
 * webhooks hear of its DSNs). Stored as one string, {@code recipient}, {@code recipient NUL campaignId} or
 * {@code recipient NUL [campaignId] NUL tenant}: a value written before the campaign or the tenant was kept
 * reads as mail of no known campaign or of the default tenant.
 *
 * @param recipient  the normalised address the message went to
 * @param campaignId its campaign, or null (transactional mail, or an entry from before campaigns were kept)
 * @param tenant     its tenant ({@code DeliveryEvent.tenant}), or null for the default one
 */
record SentMessage(String recipient, String campaignId, String tenant) {
    private static final char SEP = '\u0000';

    SentMessage(String recipient, String campaignId) {
        this(recipient, campaignId, null);
    }

    String encode() {
        if (tenant != null) {
            return recipient + SEP + (campaignId == null ? "" : campaignId) + SEP + tenant;
        }
        return campaignId == null ? recipient : recipient + SEP + campaignId;
    }

    /** Null for null: no delivery of that message is known. */
    static SentMessage decode(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(String.valueOf(SEP), -1);
        String campaign = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : null;
        return new SentMessage(parts[0], campaign, parts.length > 2 ? parts[2] : null);
    }
}
