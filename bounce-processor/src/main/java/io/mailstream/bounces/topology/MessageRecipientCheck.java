package io.mailstream.bounces.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a received report suppress only the recipient its message was sent to: the message id
 * comes from the signed return path, the recipient from the dispatcher's delivery events
 * (store {@code recipient-by-message}). Any other address the report names, and any report about
 * a message we have no event of, is logged and counted, never applied.
 */
final class MessageRecipientCheck {
    private static final Logger LOG = LoggerFactory.getLogger(MessageRecipientCheck.class);

    /**
     * The address of a failure that applies to whoever its message was sent to (mail to a signed
     * unsubscribe address, a complaint tied by a signed return path): filled in from the delivery events.
     */
    static final String ITS_RECIPIENT = "";

    private final TopologyCounters counters;

    MessageRecipientCheck(TopologyCounters counters) {
        this.counters = counters;
    }

    /**
     * The failure if {@code sent} (null when unknown) went to its address; else null. A failure of
     * {@link #ITS_RECIPIENT} gets the message's recipient and campaign. A failure that applies gets the message's tenant.
     */
    RecipientFailure check(RecipientFailure claimed, SentMessage sent) {
        RecipientFailure applied = applicable(claimed, sent);
        return applied == null ? null : applied.withTenant(sent.tenant());
    }

    private RecipientFailure applicable(RecipientFailure claimed, SentMessage sent) {
        if (sent == null) {
            counters.failureNotApplied(NotApplied.UNKNOWN_MESSAGE);
            LOG.warn("Report for message {} names {}, but no delivery of that message is known: not applied",
                    claimed.messageId(), claimed.address());
            return null;
        }
        String sentTo = sent.recipient();
        if (claimed.address().equals(ITS_RECIPIENT)) {
            return new RecipientFailure(sentTo, claimed.kind(), claimed.reason(), claimed.messageId(),
                    claimed.campaignId() != null ? claimed.campaignId() : sent.campaignId(), claimed.atMillis(), false, null,
                    claimed.detail());
        }
        if (!sentTo.equals(claimed.address())) {
            counters.failureNotApplied(NotApplied.RECIPIENT_MISMATCH);
            LOG.warn("Report for message {} names {}, but the message was sent to {}: not applied",
                    claimed.messageId(), claimed.address(), sentTo);
            return null;
        }
        // the report's text names no campaign: the delivery events do, so the write can name it
        return claimed.campaignId() != null || sent.campaignId() == null ? claimed
                : new RecipientFailure(claimed.address(), claimed.kind(), claimed.reason(), claimed.messageId(),
                        sent.campaignId(), claimed.atMillis(), claimed.claimed(), claimed.scope(), claimed.detail());
    }
}
