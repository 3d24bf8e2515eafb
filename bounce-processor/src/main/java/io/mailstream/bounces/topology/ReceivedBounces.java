package io.mailstream.bounces.topology;

import io.mailstream.avro.ReceivedAction;
import io.mailstream.avro.ReceivedBounce;
import io.mailstream.schemas.sites.MailboxProviders;
import java.time.Instant;
import java.util.Locale;

/**
 * The records of {@code mail.received-bounces}: every DSN (RFC 3464) tied to its message, a bounce
 * (action {@code failed}, hard or soft) or a delay (action {@code delayed}, §2.3.3), whether or not it
 * suppresses anyone. The suppression list only learns of a soft bounce once it repeats; a sender's systems
 * (through the webhooks) want each one, and each delay, with the message and campaign it concerns.
 */
final class ReceivedBounces {
    private ReceivedBounces() {
    }

    /** Whether {@code f} is a received DSN's bounce whose claim held against its message (see {@link MessageRecipientCheck}). */
    static boolean isTiedBounce(RecipientFailure f) {
        return f.claimed() && f.messageId() != null
                && (f.kind() == FailureKind.HARD || f.kind() == FailureKind.SOFT || f.kind() == FailureKind.PROVISIONAL_HARD);
    }

    /**
     * A bounce already checked against its message: the address is the message's recipient, the campaign its campaign;
     * {@code suppressed}: whether it made the suppression step write the address (see {@link SuppressionOutput}).
     */
    static ReceivedBounce failed(RecipientFailure f, boolean suppressed) {
        if (!isTiedBounce(f)) {
            throw new IllegalArgumentException("not a bounce tied to a message: " + f);
        }
        return base(f, f.address(), f.campaignId()).setAction(ReceivedAction.FAILED)
                .setHard(f.kind() == FailureKind.HARD)
                .setBounceClass(f.kind().name().toLowerCase(Locale.ROOT))
                .setSuppressed(suppressed)
                .build();
    }

    /** A delay notice at {@code f}'s signed return path, checked against its message: it named the message's recipient. */
    static ReceivedBounce delayed(RecipientFailure f) {
        if (f.kind() != FailureKind.DELAYED || f.messageId() == null) {
            throw new IllegalArgumentException("not a delay notice tied to a message: " + f);
        }
        return base(f, f.address(), f.campaignId()).setAction(ReceivedAction.DELAYED).setHard(false).setBounceClass(null).build();
    }

    private static ReceivedBounce.Builder base(RecipientFailure f, String recipient, String campaignId) {
        return ReceivedBounce.newBuilder()
                .setMessageId(f.messageId())
                .setCampaignId(campaignId)
                .setRecipient(recipient)
                .setReason(f.reason())
                .setStatus(f.detail() == null ? null : f.detail().status())
                .setReplyText(f.detail() == null ? null : f.detail().diagnostic())
                .setProvider(MailboxProviders.of(recipient).orElse(null))
                .setTenant(f.tenant())
                .setReceivedAt(Instant.ofEpochMilli(f.atMillis()));
    }
}
