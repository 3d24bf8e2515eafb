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
 * @param diagnosticType the diagnostic-type of the Diagnostic-Code (RFC 3464 §2.3.6: SMTP, X-UNIX, ...),
 *                       upper-cased, if the report gives one
 */
public record RecipientEvidence(
        String recipient,
        Optional<DsnAction> action,
        Optional<DeliveryStatus> status,
        OptionalInt replyCode,
        String diagnostic,
        String fallbackText,
        Optional<String> remoteMta,
        Optional<ReportedVerdict> reportedVerdict,
        Optional<String> diagnosticType) {

    /** Evidence without a verdict field (most MTAs write none) nor a typed Diagnostic-Code. */
    public RecipientEvidence(String recipient, Optional<DsnAction> action, Optional<DeliveryStatus> status,
                             OptionalInt replyCode, String diagnostic, String fallbackText, Optional<String> remoteMta) {
        this(recipient, action, status, replyCode, diagnostic, fallbackText, remoteMta, Optional.empty(), Optional.empty());
    }

    /**
     * The text the classification reads: the diagnostic as reported, with its type in front where the
     * type is the only evidence. That is a Diagnostic-Code of type X-Unix (Sendmail writes it when a
     * local mailer or program failed) under a status that names nothing (x.0.0 or none); the mailer-error
     * family reads the type so, as Sisimai's Reason::anotherone does after the status and phrases. The
     * reported {@link #diagnostic()} stays as the MTA wrote it: it travels on in bounce events.
     */
    public String classifiedText() {
        boolean onlyTheTypeSays = diagnosticType.filter("X-UNIX"::equals).isPresent()
                && status.map(DeliveryStatus::isUnspecific).orElse(true)
                && !diagnostic.regionMatches(true, 0, "x-unix", 0, 6);
        return onlyTheTypeSays ? "X-Unix; " + diagnostic : diagnostic;
    }

    /** The same evidence, with the report's verdict field if it has none of its own. */
    RecipientEvidence orVerdict(Optional<ReportedVerdict> reportWide) {
        return reportedVerdict.isPresent() || reportWide.isEmpty() ? this
                : new RecipientEvidence(recipient, action, status, replyCode, diagnostic, fallbackText, remoteMta, reportWide,
                        diagnosticType);
    }
}
