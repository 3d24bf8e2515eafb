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
 * @param reportedVerdict the reporting MTA's own verdict field for this recipient or its report, if it writes one
 */
public record RecipientEvidence(
        String recipient,
        Optional<DsnAction> action,
        Optional<DeliveryStatus> status,
        OptionalInt replyCode,
        String diagnostic,
        String fallbackText,
        Optional<String> remoteMta,
        Optional<ReportedVerdict> reportedVerdict) {

    /** Evidence without a verdict field (most MTAs write none). */
    public RecipientEvidence(String recipient, Optional<DsnAction> action, Optional<DeliveryStatus> status,
                             OptionalInt replyCode, String diagnostic, String fallbackText, Optional<String> remoteMta) {
        this(recipient, action, status, replyCode, diagnostic, fallbackText, remoteMta, Optional.empty());
    }

    /** The same evidence, with the report's verdict field if it has none of its own. */
    RecipientEvidence orVerdict(Optional<ReportedVerdict> reportWide) {
        return reportedVerdict.isPresent() || reportWide.isEmpty() ? this
                : new RecipientEvidence(recipient, action, status, replyCode, diagnostic, fallbackText, remoteMta, reportWide);
    }
}
