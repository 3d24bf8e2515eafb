package io.mailstream.bounces.parse;

import io.mailstream.bounces.BounceKind;
import java.util.List;
import java.util.Optional;

/**
 * A bounce read but not yet classified.
 *
 * @param kind               what the message is
 * @param reportingMta       RFC 3464 §2.2.2 Reporting-MTA
 * @param originalEnvelopeId RFC 3464 §2.2.1 Original-Envelope-Id (our ENVID, if we set one)
 * @param recipients         per-recipient evidence, at most {@code BounceLimits.maxRecipients}
 * @param parts              the decoded parts (headers, returned headers) for message-id lookup
 */
public record ParsedBounce(
        BounceKind kind,
        Optional<String> reportingMta,
        Optional<String> originalEnvelopeId,
        List<RecipientEvidence> recipients,
        MessageParts parts) {
}
