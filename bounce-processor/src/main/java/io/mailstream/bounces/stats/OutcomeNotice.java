package io.mailstream.bounces.stats;

import java.util.Objects;

/**
 * Something we learnt about one message that can change what it counts as: a terminal delivery
 * event of the dispatcher, or a DSN received later (RFC 3464) through its signed return path.
 *
 * @param campaignId the campaign, or null for a received DSN (the DSN does not say; the message's
 *                   delivery event does)
 * @param type       for the dispatcher a terminal outcome; for a DSN {@code BOUNCED} (action failed)
 *                   or {@code DEFERRED} (action delayed, RFC 3464 §2.3.3)
 * @param reason     the Sisimai reason of a bounce, else null
 * @param received   true for a DSN received after the message left us
 * @param provider   the recipient's mailbox provider from the dispatcher's event, else null
 */
public record OutcomeNotice(String campaignId, CampaignEvent.Type type, String reason, boolean received, String provider) {
    public OutcomeNotice {
        Objects.requireNonNull(type, "type");
        if (!received && campaignId == null) {
            throw new IllegalArgumentException("a dispatcher's outcome names its campaign");
        }
        if (received && type != CampaignEvent.Type.BOUNCED && type != CampaignEvent.Type.DEFERRED) {
            throw new IllegalArgumentException("a received DSN is a bounce or a delay, not " + type);
        }
    }

    public OutcomeNotice(String campaignId, CampaignEvent.Type type, String reason, boolean received) {
        this(campaignId, type, reason, received, null);
    }

    /** The dispatcher's terminal outcome of a message. */
    public static OutcomeNotice of(CampaignEvent e) {
        return new OutcomeNotice(e.campaignId(), e.type(), e.reason(), false, e.provider());
    }

    /** A DSN with action {@code failed} received for the message. */
    public static OutcomeNotice receivedBounce(String reason) {
        return new OutcomeNotice(null, CampaignEvent.Type.BOUNCED, reason, true);
    }

    /** A DSN with action {@code delayed} received for the message. */
    public static OutcomeNotice receivedDelay() {
        return new OutcomeNotice(null, CampaignEvent.Type.DEFERRED, null, true);
    }
}
