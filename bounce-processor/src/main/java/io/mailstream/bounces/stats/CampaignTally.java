package io.mailstream.bounces.stats;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.sites.MailboxProviders;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts one campaign's events read straight from the topics (for tools that cannot reach the
 * Streams store): delivery events first, then what received reports say about the message ids
 * those events named (complaints, bounces and delays of relayed mail). Counts as the stats
 * topology does, through the same {@link OutcomeLedger}.
 */
public final class CampaignTally {
    private final String campaignId;
    private final BounceClassifier classifier;
    /** Message id → normalised recipient, of this campaign's messages. */
    private final Map<String, String> recipients = new HashMap<>();
    private final Map<String, OutcomeLedger.Entry> ledger = new HashMap<>();
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
        recipients.putIfAbsent(e.getMessageId(), normalized(e.getRecipient()));
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
        if (messageId != null && recipients.containsKey(messageId)) {
            count(new CampaignEvent(campaignId, CampaignEvent.Type.COMPLAINT, null,
                    MailboxProviders.of(recipients.get(messageId)).orElse(null)));
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
        if (messageId != null && recipients.containsKey(messageId)) {
            apply(messageId, OutcomeNotice.receivedDelay());
        }
    }

    /** The normalised recipient of one of this campaign's messages, if a delivery event of it was read. */
    public java.util.Optional<String> recipientOf(String messageId) {
        return java.util.Optional.ofNullable(recipients.get(messageId));
    }

    /** Whether any event of the campaign was seen. */
    public boolean isKnown() {
        return !recipients.isEmpty();
    }

    public CampaignStats stats() {
        return stats;
    }

    private boolean isOurs(String messageId, String recipient) {
        if (messageId == null || !recipients.containsKey(messageId)) {
            return false;
        }
        String sentTo = recipients.get(messageId);
        return sentTo != null && sentTo.equals(normalized(recipient));
    }

    private void apply(String messageId, OutcomeNotice notice) {
        OutcomeLedger.Step step = OutcomeLedger.apply(ledger.get(messageId), notice);
        if (step.next() != null) {
            ledger.put(messageId, step.next());
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
