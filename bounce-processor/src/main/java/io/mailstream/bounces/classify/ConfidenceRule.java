package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much a classification can be trusted, with asymmetric caution for hard bounces: suppressing
 * a good address for ever costs more than mailing a bad one once more, so a hard bounce is
 * {@link Confidence#HIGH} only when the evidence says the address itself is bad:
 * <ul>
 *   <li>user unknown: a permanent x.1.x status (RFC 3463 §3.2 "addressing status") <em>and</em> a
 *       user-unknown diagnostic (or a provider rule saying so);</li>
 *   <li>host unknown: 5.1.2 / 5.4.4 with name-server evidence that the domain does not exist
 *       (NXDOMAIN wording, not a resolver failure); not-accept: a null MX (RFC 7505, 5.1.10 or
 *       the phrase);</li>
 * </ul>
 * {@link Confidence#MEDIUM} when one permanent signal stands alone (a 5.1.x status with a vague
 * text, a provider's documented user-unknown text with a 5xx reply), {@link Confidence#LOW} when
 * only a generic phrase (even under 5.0.0 or a bare 550), a transient or
 * missing code, or a bare reply code points that way. Soft reasons are HIGH when status and phrase
 * agree, MEDIUM when one of them says so, LOW for fallbacks (reply code only, {@code onhold}).
 */
final class ConfidenceRule {
    private ConfidenceRule() {
    }

    static Confidence of(BounceReason reason, Optional<DeliveryStatus> status, OptionalInt replyCode,
                         boolean phraseAgrees, boolean providerRule, boolean nxdomainEvidence) {
        boolean permanentStatus = status.map(DeliveryStatus::isPermanent).orElse(false);
        boolean permanent = permanentStatus
                || (status.isEmpty() && replyCode.isPresent() && replyCode.getAsInt() / 100 == 5);
        boolean addressSubject = permanentStatus && status.get().subject() == 1;
        return switch (reason) {
            case USER_UNKNOWN -> {
                if (addressSubject && (phraseAgrees || providerRule)) {
                    yield Confidence.HIGH;
                }
                // a user-unknown phrase under 5.0.0 or a bare 550 is what filters and gateways say
                // too ("550 user unknown" for a refused sender): it alone does not prove the address bad
                yield (addressSubject || (permanent && providerRule)) ? Confidence.MEDIUM : Confidence.LOW;
            }
            case HOST_UNKNOWN -> {
                boolean hostStatus = permanentStatus && (is(status, 1, 2) || is(status, 4, 4));
                if (hostStatus && nxdomainEvidence) {
                    yield Confidence.HIGH;
                }
                yield (hostStatus || (permanent && nxdomainEvidence)) ? Confidence.MEDIUM : Confidence.LOW;
            }
            case NOT_ACCEPT -> {
                if (permanent && (is(status, 1, 10) || phraseAgrees)) {
                    yield Confidence.HIGH;
                }
                yield permanent ? Confidence.MEDIUM : Confidence.LOW;
            }
            case HAS_MOVED -> (permanent && phraseAgrees) ? Confidence.MEDIUM : Confidence.LOW;
            case ONHOLD, UNDEFINED -> Confidence.LOW;
            case DELIVERED, FEEDBACK, VACATION -> Confidence.HIGH;
            default -> {
                boolean statusSays = status.flatMap(StatusCodeReasons::reasonOf).map(r -> r == reason).orElse(false);
                if (statusSays && phraseAgrees) {
                    yield Confidence.HIGH;
                }
                yield (statusSays || phraseAgrees || providerRule) ? Confidence.MEDIUM : Confidence.LOW;
            }
        };
    }

    private static boolean is(Optional<DeliveryStatus> status, int subject, int detail) {
        return status.map(s -> s.subject() == subject && s.detail() == detail).orElse(false);
    }
}
