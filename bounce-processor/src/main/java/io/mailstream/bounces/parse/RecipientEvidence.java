package io.mailstream.bounces.parse;

import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a bounce says about one recipient before classification.
 *
 * @param recipient      lower-cased address, or empty if the report names none
 * @param action         the RFC 3464 §2.3.3 action, if stated
 * @param status         the RFC 3463 status, from the Status field or the text
 * @param replyCode      the SMTP reply code found in the diagnostic
 * @param diagnostic     the diagnostic text the classification reads
 * @param fallbackText   wider text of the bounce, read when the diagnostic alone decides nothing
 * @param remoteMta      Remote-MTA (RFC 3464 §2.3.5)
 */
public record RecipientEvidence(
        String recipient,
        Optional<DsnAction> action,
        Optional<DeliveryStatus> status,
        OptionalInt replyCode,
        String diagnostic,
        String fallbackText,
        Optional<String> remoteMta) {
}
