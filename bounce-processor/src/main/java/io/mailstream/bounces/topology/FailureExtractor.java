package io.mailstream.bounces.topology;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.verp.SignedVerp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the pipeline hears about a recipient into {@link RecipientFailure}s: received
 * bounces (RFC 3464 DSNs, RFC 5965 feedback reports) and the dispatcher's synchronous BOUNCED and
 * EXPIRED delivery events, both classified by {@link BounceClassifier}. Auto-replies (RFC 3834)
 * and positive DSNs are not failures; delayed notices (RFC 3464 §2.3.3 {@code delayed}) at a
 * signed return path come out as {@link FailureKind#DELAYED}, for the campaign statistics only.
 */
final class FailureExtractor {
    private final boolean holdLowConfidenceHard;
    static final String COMPLAINT_REASON = "complaint";
    static final String UNSUBSCRIBE_REASON = "unsubscribe (mailto)";
    static final String DELAYED_REASON = "delayed";
    /** The address of an unsubscribe mail: the message's recipient, filled in by {@link MessageRecipientCheck}. */
    static final String UNKNOWN_YET = MessageRecipientCheck.ITS_RECIPIENT;
    /** {@code bounces import} writes {@code import:<file>}: an operator's own bounces, trusted without a signed return path. */
    static final String IMPORT_SOURCE = "import:";
    private static final Logger LOG = LoggerFactory.getLogger(FailureExtractor.class);

    private final BounceClassifier classifier;
    private final TopologyCounters counters;
    private final FeedbackReports feedback;

    FailureExtractor(BounceClassifier classifier, TopologyCounters counters, Optional<SignedVerp> returnPaths,
                     boolean holdLowConfidenceHard) {
        this.holdLowConfidenceHard = holdLowConfidenceHard;
        this.classifier = classifier;
        this.counters = counters;
        this.feedback = new FeedbackReports(returnPaths, counters);
    }

    List<RecipientFailure> fromBounce(String key, RawBounce bounce) {
        Optional<String> unsubscribe = bounce.getEnvelopeTo().stream().map(SignedVerp::unsubscribeMessageIdOf)
                .flatMap(Optional::stream).findFirst();
        if (unsubscribe.isPresent()) {
            // whatever the mail says, it asks to unsubscribe the recipient of that message (found from its delivery events)
            return List.of(new RecipientFailure(UNKNOWN_YET, FailureKind.UNSUBSCRIBE, UNSUBSCRIBE_REASON, unsubscribe.get(), null,
                    bounce.getReceivedAt().toEpochMilli(), true));
        }
        String envelopeRecipient = bounce.getEnvelopeTo().isEmpty() ? null : bounce.getEnvelopeTo().get(0);
        BounceReport report = classifier.classify(bytes(bounce.getMessage()), envelopeRecipient);
        long at = bounce.getReceivedAt().toEpochMilli();
        counters.observer().bounceReceived(report.kind());
        if (report.kind() == BounceKind.UNPARSEABLE) {
            counters.unparseableBounce();
            LOG.warn("Skipping unreadable bounce (key {}, from {}, source {}): {}", key, bounce.getEnvelopeFrom(),
                    bounce.getSource(), report.problems());
            return List.of();
        }
        if (report.kind() == BounceKind.AUTO_REPLY) {
            return List.of();
        }
        boolean imported = bounce.getSource() != null && bounce.getSource().startsWith(IMPORT_SOURCE);
        Optional<String> signedId = bounce.getEnvelopeTo().stream().map(SignedVerp::messageIdOf)
                .flatMap(Optional::stream).findFirst();
        if (report.kind() == BounceKind.FEEDBACK && !imported) {
            List<RecipientFailure> complaints = feedback.tie(key, report, signedId, at);
            complaints.forEach(f -> counters.observer().recipientFailed(f, false));
            return complaints;
        }
        List<RecipientFailure> out = new ArrayList<>();
        for (RecipientReport r : report.recipients()) {
            FailureKind kind;
            String reason;
            if (report.kind() == BounceKind.FEEDBACK) {
                kind = FailureKind.COMPLAINT;
                reason = COMPLAINT_REASON;
            } else if (r.action() == DsnAction.DELAYED) {
                if (signedId.isPresent() && !imported) {
                    normalize(r.recipient(), key).ifPresent(address ->
                            out.add(new RecipientFailure(address, FailureKind.DELAYED, DELAYED_REASON, signedId.get(), null, at, true)
                                    .withDetail(DsnDetail.of(r))));
                }
                continue;
            } else if (!r.isBounce()) {
                continue;
            } else {
                kind = kindOf(r.hard(), r.provisionalHard());
                reason = r.reason().sisimaiName();
            }
            Optional<String> address = normalize(r.recipient(), key);
            if (address.isEmpty()) {
                continue;
            }
            if (signedId.isPresent() && !imported) {
                out.add(new RecipientFailure(address.get(), kind, reason, signedId.get(), null, at, true).withDetail(DsnDetail.of(r)));
            } else if (imported) {
                // an operator's import is trusted as before; the message id its text claims is not
                // verified, so the written suppression names no message (Suppression.messageId)
                out.add(new RecipientFailure(address.get(), kind, reason, null, null, at));
            } else {
                counters.failureNotApplied(NotApplied.UNSIGNED);
                LOG.warn("Bounce for {} (key {}) did not come to a signed return path: not applied", address.get(), key);
            }
        }
        out.stream().filter(f -> f.kind() != FailureKind.DELAYED).forEach(f -> counters.observer().recipientFailed(f, false));
        return out;
    }

    List<RecipientFailure> fromDeliveryEvent(DeliveryEvent event) {
        if (event.getOutcome() != Outcome.BOUNCED && event.getOutcome() != Outcome.EXPIRED) {
            return List.of();
        }
        Classification c = classifier.classify(event.getSmtpReplyCode(), event.getEnhancedStatusCode(), event.getReplyText());
        if (!c.reason().isBounce()) {
            return List.of();
        }
        return normalize(event.getRecipient(), event.getMessageId())
                .map(address -> {
                    RecipientFailure f = new RecipientFailure(address, kindOf(c.hard(), c.provisionalHard()),
                            c.reason().sisimaiName(), event.getMessageId(), event.getCampaignId(),
                            event.getTimestamp().toEpochMilli()).withTenant(event.getTenant());
                    counters.observer().recipientFailed(f, true);
                    return List.of(f);
                })
                .orElse(List.of());
    }

    /** Hard, or provisionally hard when its evidence is weak and holding is configured. */
    private FailureKind kindOf(boolean hard, boolean provisional) {
        if (!hard) {
            return FailureKind.SOFT;
        }
        return provisional && holdLowConfidenceHard ? FailureKind.PROVISIONAL_HARD : FailureKind.HARD;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        java.nio.ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static Optional<String> normalize(String recipient, String key) {
        if (recipient == null || recipient.isBlank()) {
            LOG.debug("Failure without a recipient address (key {}) ignored", key);
            return Optional.empty();
        }
        try {
            return Optional.of(EmailAddress.parse(recipient).normalized());
        } catch (InvalidAddressException e) {
            LOG.warn("Failure for an invalid address {} (key {}) ignored: {}", recipient, key, e.getMessage());
            return Optional.empty();
        }
    }
}
