package io.mailstream.bounces;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of classifying one recipient: the reason, whether it is a hard bounce (suppress for
 * good) and the enhanced status (RFC 3463) the decision used, if any was known.
 *
 * <p>Hard bounces are {@code userunknown}, {@code hostunknown}, {@code hasmoved}, and
 * {@code notaccept} with a permanent (5.x.x) status; every other reason is soft, and so is any
 * reason under a transient (4.x.x) status.
 */
public record Classification(BounceReason reason, boolean hard, Optional<DeliveryStatus> status,
                             Confidence confidence, ClassificationEvidence evidence) {

    public Classification {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A decision made without weighing evidence (feedback, auto-replies, fallbacks): medium confidence. */
    public Classification(BounceReason reason, boolean hard, Optional<DeliveryStatus> status) {
        this(reason, hard, status, Confidence.MEDIUM, ClassificationEvidence.NONE);
    }

    /** Applies the hard-bounce rule to a reason and status. */
    public static Classification of(BounceReason reason, Optional<DeliveryStatus> status) {
        return new Classification(reason, isHard(reason, status), status);
    }

    /**
     * A hard bounce whose evidence is weak (a phrase or bare reply code only): to be treated as
     * soft until a second bounce of the same address confirms it.
     */
    public boolean provisionalHard() {
        return hard && confidence == Confidence.LOW;
    }

    /**
     * The hard-bounce rule. {@code statusClass} may be a status derived from the reply code alone
     * (x.0.0) when the report gave no enhanced status. A transient status or reply (4.x.x, 4xx) is
     * never hard, whatever its reason: the server said to try again (RFC 3463 §3.1, RFC 5321
     * §4.2.1), e.g. a directory it could not reach or an address still being verified, and a
     * hard bounce suppresses for ever (issue 16, asymmetric caution).
     */
    public static boolean isHard(BounceReason reason, Optional<DeliveryStatus> statusClass) {
        if (statusClass.map(DeliveryStatus::isTransient).orElse(false)) {
            return false;
        }
        return switch (reason) {
            case USER_UNKNOWN, HOST_UNKNOWN, HAS_MOVED -> true;
            case NOT_ACCEPT -> statusClass.map(DeliveryStatus::isPermanent).orElse(true);
            default -> false;
        };
    }
}
