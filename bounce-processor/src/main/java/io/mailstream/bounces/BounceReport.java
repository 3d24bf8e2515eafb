package io.mailstream.bounces;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything read from one received bounce message (RFC 3464 §2.2 per-message fields plus the
 * recipients). Never null; a message that could not be read is {@link BounceKind#UNPARSEABLE}
 * with the reasons in {@link #problems()}. {@link #returned()} is what the returned message
 * (if the report carries one) says about which of our messages it was. Problems are also recorded for partial results (input
 * truncated, recipients capped, unknown charset) so operators can see what was skipped.
 */
public record BounceReport(
        BounceKind kind,
        Optional<String> reportingMta,
        Optional<String> originalEnvelopeId,
        List<RecipientReport> recipients,
        List<String> problems,
        ReturnedMessage returned) {

    public BounceReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(originalEnvelopeId, "originalEnvelopeId");
        recipients = List.copyOf(recipients);
        problems = List.copyOf(problems);
        Objects.requireNonNull(returned, "returned");
    }

    /** A report whose returned message, if any, is not looked at. */
    public BounceReport(BounceKind kind, Optional<String> reportingMta, Optional<String> originalEnvelopeId,
                        List<RecipientReport> recipients, List<String> problems) {
        this(kind, reportingMta, originalEnvelopeId, recipients, problems, ReturnedMessage.NONE);
    }

    public static BounceReport unparseable(String problem) {
        return new BounceReport(BounceKind.UNPARSEABLE, Optional.empty(), Optional.empty(), List.of(), List.of(problem));
    }
}
