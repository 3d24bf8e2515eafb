package io.mailstream.bounces.receive;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpCheck;
import java.util.Optional;
import java.util.Set;

/**
 * Which recipients the receiver takes mail for: return paths and List-Unsubscribe mailto addresses
 * we signed ({@link SignedVerp}) and the configured feedback-loop addresses. Everything else is refused, so the receiver can never be
 * used as a relay (RFC 5321 §3.6.2), and nobody can address a bounce to a message we did not send.
 */
public final class RecipientPolicy {
    private final SignedVerp returnPaths;
    private final Set<String> feedbackAddresses;

    public RecipientPolicy(SignedVerp returnPaths, Set<EmailAddress> feedbackAddresses) {
        this.returnPaths = returnPaths;
        this.feedbackAddresses = feedbackAddresses.stream().map(EmailAddress::normalized)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Why {@code recipient} is refused, or empty when it is accepted. */
    public Optional<VerpCheck.Reason> refusal(EmailAddress recipient) {
        if (feedbackAddresses.contains(recipient.normalized())) {
            return Optional.empty();
        }
        return returnPaths.check(recipient) instanceof VerpCheck.Refused r ? Optional.of(r.reason()) : Optional.empty();
    }

    public boolean accepts(EmailAddress recipient) {
        return refusal(recipient).isEmpty();
    }

    /** The message id of a return path or unsubscribe address we signed, if {@code recipient} is one. */
    public Optional<String> verpId(EmailAddress recipient) {
        return switch (returnPaths.check(recipient)) {
            case VerpCheck.Signed s -> Optional.of(s.messageId());
            case VerpCheck.Unsubscribe u -> Optional.of(u.messageId());
            case VerpCheck.Refused r -> Optional.empty();
        };
    }

    /** Whether {@code recipient} is a List-Unsubscribe mailto address we signed. */
    public boolean isUnsubscribe(EmailAddress recipient) {
        return returnPaths.check(recipient) instanceof VerpCheck.Unsubscribe;
    }
}
