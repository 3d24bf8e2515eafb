package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the complained-about recipients of an Abuse Reporting Format report (RFC 5965 §3.1/§3.2):
 * {@code Original-Rcpt-To} fields, else the recipients of the returned message or headers.
 * A report that names nobody still yields one evidence with an empty recipient, so the
 * complaint is not lost (the message id may still identify the recipient).
 */
public final class FeedbackReportReader {
    private FeedbackReportReader() {
    }

    public static List<RecipientEvidence> read(MessageParts parts, int maxRecipients) {
        Set<String> recipients = new LinkedHashSet<>();
        String feedbackType = "";
        for (String body : parts.feedbackReports()) {
            HeaderFields f = HeaderFields.parseBlock(body);
            feedbackType = f.first("feedback-type").orElse(feedbackType);
            for (String v : f.all("original-rcpt-to")) {
                Addresses.first(v).ifPresent(recipients::add);
            }
            for (String v : f.all("removal-recipient")) {
                Addresses.first(v).ifPresent(recipients::add);
            }
        }
        if (recipients.isEmpty()) {
            for (String v : parts.originalHeaders().all("to")) {
                Addresses.findAll(v).forEach(a -> recipients.add(a.address()));
            }
        }
        if (recipients.isEmpty()) {
            recipients.add("");
        }
        List<RecipientEvidence> out = new ArrayList<>();
        for (String r : recipients) {
            if (out.size() >= maxRecipients) {
                break;
            }
            out.add(new RecipientEvidence(r, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                    "feedback-type: " + feedbackType, "", Optional.empty()));
        }
        return out;
    }
}
