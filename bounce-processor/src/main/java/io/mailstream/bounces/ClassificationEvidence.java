package io.mailstream.bounces;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a classification was decided from, for operators asking "why was this address suppressed?"
 * and for the confidence rule.
 *
 * @param status        the RFC 3463 status the decision used (reported, or read from the text)
 * @param replyCode     the SMTP reply code (RFC 5321 §4.2), if any
 * @param phraseFamily  the reason whose phrase family the diagnostic matched, if the decided reason's did
 * @param providerRule  the provider rule ({@code classify.ProviderRules}) whose phrase matched, e.g. {@code google/suspend}
 * @param command       the SMTP command the failure was answered to (RCPT, DATA ...), if named
 */
public record ClassificationEvidence(Optional<DeliveryStatus> status, OptionalInt replyCode,
                                     Optional<BounceReason> phraseFamily, Optional<String> providerRule,
                                     Optional<String> command) {
    public static final ClassificationEvidence NONE = new ClassificationEvidence(Optional.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public ClassificationEvidence {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(phraseFamily, "phraseFamily");
        Objects.requireNonNull(providerRule, "providerRule");
        Objects.requireNonNull(command, "command");
    }

    /** e.g. {@code status=5.1.1 reply=550 phrase=userunknown rule=postfix/userunknown command=RCPT}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        status.ifPresent(s -> sb.append("status=").append(s.asString()).append(' '));
        replyCode.ifPresent(c -> sb.append("reply=").append(c).append(' '));
        phraseFamily.ifPresent(p -> sb.append("phrase=").append(p.sisimaiName()).append(' '));
        providerRule.ifPresent(r -> sb.append("rule=").append(r).append(' '));
        command.ifPresent(c -> sb.append("command=").append(c).append(' '));
        return sb.toString().strip();
    }
}
