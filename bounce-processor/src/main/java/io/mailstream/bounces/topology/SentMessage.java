package io.mailstream.bounces.topology;

/**
 * What the {@code recipient-by-message} store keeps of a message handed to a server: its normalised
 * recipient and, for campaign mail, its campaign (whose list scopes a mailto unsubscribe). Stored as
 * one string, {@code recipient} or {@code recipient NUL campaignId}: a value written before the
 * campaign was kept is a bare recipient and reads as mail of no known campaign.
 *
 * @param recipient  the normalised address the message went to
 * @param campaignId its campaign, or null (transactional mail, or an entry from before campaigns were kept)
 */
record SentMessage(String recipient, String campaignId) {
    private static final char SEP = '\u0000';

    String encode() {
        return campaignId == null ? recipient : recipient + SEP + campaignId;
    }

    /** Null for null: no delivery of that message is known. */
    static SentMessage decode(String stored) {
        if (stored == null) {
            return null;
        }
        int sep = stored.indexOf(SEP);
        return sep < 0 ? new SentMessage(stored, null) : new SentMessage(stored.substring(0, sep), stored.substring(sep + 1));
    }
}
