package io.mailstream.bounces;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a bounce says about one recipient: the per-recipient fields of RFC 3464 §2.3 (or their
 * equivalents read from a non-standard bounce) and the classification derived from them.
 *
 * @param recipient    the failed address as written in the report (Final-Recipient, else
 *                     Original-Recipient, else the address found in the text), lower-cased;
 *                     empty when a feedback report names none
 * @param action       RFC 3464 §2.3.3 action; {@code FAILED} when a non-standard bounce gives none
 * @param status       RFC 3463 enhanced status, as reported or found in the diagnostic text
 * @param replyCode    the SMTP reply code (RFC 5321 §4.2) found in the diagnostic, if any
 * @param diagnostic   the Diagnostic-Code text (RFC 3464 §2.3.6) or the relevant bounce text, capped
 * @param reason       the classified reason
 * @param hard         whether the failure is permanent enough to suppress the address for good
 * @param messageId    our message id (VERP, X-Message-Id of the returned headers or ENVID)
 * @param remoteMta    RFC 3464 §2.3.5 Remote-MTA, if given
 * @param confidence   how strongly the evidence supports the classification
 * @param evidence     what the classification was decided from
 */
public record RecipientReport(
        String recipient,
        DsnAction action,
        Optional<DeliveryStatus> status,
        OptionalInt replyCode,
        String diagnostic,
        BounceReason reason,
        boolean hard,
        Optional<String> messageId,
        Optional<String> remoteMta,
        Confidence confidence,
        ClassificationEvidence evidence) {

    public RecipientReport {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** Without weighed evidence (tests, imported records): medium confidence. */
    public RecipientReport(String recipient, DsnAction action, Optional<DeliveryStatus> status, OptionalInt replyCode,
                           String diagnostic, BounceReason reason, boolean hard, Optional<String> messageId,
                           Optional<String> remoteMta) {
        this(recipient, action, status, replyCode, diagnostic, reason, hard, messageId, remoteMta,
                Confidence.MEDIUM, ClassificationEvidence.NONE);
    }

    /** A hard bounce on weak evidence: held as soft until a second bounce confirms it. */
    public boolean provisionalHard() {
        return hard && confidence == Confidence.LOW;
    }

    /** Whether this recipient bounced (false for delivered/relayed notices, feedback and vacation). */
    public boolean isBounce() {
        return reason.isBounce();
    }
}
