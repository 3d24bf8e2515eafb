package io.mailstream.bounces.stats;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.sites.MailboxProviders;

/**
 * Counts one campaign's events read straight from the topics (for tools that cannot reach the
 * Streams store): delivery events first, then what received reports say about the message ids
 * those events named (complaints, bounces and delays of relayed mail). Counts as the stats
 * topology does, through the same {@link OutcomeLedger}.
 */
public final class CampaignTally {
    private final String campaignId;
    private final BounceClassifier classifier;
    /** This campaign's messages (and, when shared, other campaigns'): recipient and ledger entry. */
    private final RecentMessages messages;
    private boolean known;
    private CampaignStats stats;

    /** A tally that remembers every message of the campaign ({@code campaign status}: one campaign, then exit). */
    public CampaignTally(String campaignId, BounceClassifier classifier) {
        this(campaignId, classifier, RecentMessages.unbounded());
    }

    /** A tally remembering its messages in {@code messages}, which a reader may share between its campaigns and bound. */
    public CampaignTally(String campaignId, BounceClassifier classifier, RecentMessages messages) {
        this.campaignId = campaignId;
        this.classifier = classifier;
        this.messages = messages;
        this.stats = CampaignStats.empty(campaignId);
    }

    public void accept(DeliveryEvent e) {
        if (!campaignId.equals(e.getCampaignId())) {
            return;
        }
        known = true;
        if (messages.get(e.getMessageId()) == null) {
            messages.put(e.getMessageId(), new RecentMessages.Sent(campaignId, normalized(e.getRecipient()), null));
        }
        CampaignEvents.of(e, classifier).ifPresent(ev -> {
            if (e.getOutcome() == Outcome.DEFERRED) {
                count(ev);
            } else {
                apply(e.getMessageId(), OutcomeNotice.of(ev));
            }
        });
    }

    /** Counts a complaint if it names one of this campaign's messages. */
    public void acceptComplaint(String messageId) {
        RecentMessages.Sent sent = ours(messageId);
        if (sent != null) {
            count(new CampaignEvent(campaignId, CampaignEvent.Type.COMPLAINT, null,
                    sent.recipient() == null ? null : MailboxProviders.of(sent.recipient()).orElse(null)));
        }
    }

    /**
     * A DSN with action failed for {@code recipient}, come back to the signed return path of
     * {@code messageId}: moves the message from delivered to bounced if it is one of this campaign's
     * and was sent to that recipient (as the topology's recipient check does).
     */
    public void acceptReceivedBounce(String messageId, String recipient, String reason) {
        if (isOurs(messageId, recipient)) {
            apply(messageId, OutcomeNotice.receivedBounce(reason));
        }
    }

    /** A DSN with action delayed for one of this campaign's messages: a deferral if it was counted delivered. */
    public void acceptReceivedDelay(String messageId) {
        if (ours(messageId) != null) {
            apply(messageId, OutcomeNotice.receivedDelay());
        }
    }

    /** The normalised recipient of one of this campaign's messages, if a delivery event of it was read. */
    public java.util.Optional<String> recipientOf(String messageId) {
        RecentMessages.Sent sent = ours(messageId);
        return java.util.Optional.ofNullable(sent == null ? null : sent.recipient());
    }

    /** Whether any event of the campaign was seen. */
    public boolean isKnown() {
        return known;
    }

    public CampaignStats stats() {
        return stats;
    }

    private RecentMessages.Sent ours(String messageId) {
        RecentMessages.Sent sent = messageId == null ? null : messages.get(messageId);
        return sent != null && campaignId.equals(sent.campaignId()) ? sent : null;
    }

    private boolean isOurs(String messageId, String recipient) {
        RecentMessages.Sent sent = ours(messageId);
        return sent != null && sent.recipient() != null && sent.recipient().equals(normalized(recipient));
    }

    private void apply(String messageId, OutcomeNotice notice) {
        RecentMessages.Sent sent = messages.get(messageId);
        OutcomeLedger.Step step = OutcomeLedger.apply(sent == null ? null : sent.entry(), notice);
        if (step.next() != null && sent != null) {
            messages.put(messageId, new RecentMessages.Sent(sent.campaignId(), sent.recipient(), step.next()));
        }
        step.counted().forEach(this::count);
    }

    private void count(CampaignEvent e) {
        stats = stats.plus(e);
    }

    private static String normalized(String address) {
        if (address == null) {
            return null;
        }
        try {
            return EmailAddress.parse(address).normalized();
        } catch (InvalidAddressException e) {
            return null;
        }
    }
}
