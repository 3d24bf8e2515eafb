package io.mailstream.bounces.receive;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which recipients the receiver takes mail for: VERP return paths {@code bounces+<id>@<bounce
 * domain>} and the configured feedback-loop addresses. Everything else is refused, so the
 * receiver can never be used as a relay (RFC 5321 §3.6.2).
 */
public final class RecipientPolicy {
    static final String VERP_PREFIX = "bounces+";

    private final Domain bounceDomain;
    private final Set<String> feedbackAddresses;

    public RecipientPolicy(Domain bounceDomain, Set<EmailAddress> feedbackAddresses) {
        this.bounceDomain = bounceDomain;
        this.feedbackAddresses = feedbackAddresses.stream().map(EmailAddress::normalized)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public boolean accepts(EmailAddress recipient) {
        return verpId(recipient).isPresent() || feedbackAddresses.contains(recipient.normalized());
    }

    /** The message id of a VERP address of our bounce domain, if it is one. */
    public Optional<String> verpId(EmailAddress recipient) {
        if (!recipient.domain().equals(bounceDomain)) {
            return Optional.empty();
        }
        String local = recipient.localPart();
        if (local.length() <= VERP_PREFIX.length() || !local.toLowerCase(Locale.ROOT).startsWith(VERP_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(local.substring(VERP_PREFIX.length()));
    }
}
