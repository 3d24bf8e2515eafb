package io.mailstream.bounces.topology;

import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.bounces.ReturnedMessage;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ties a feedback-loop complaint (RFC 5965 ARF, or a forwarded complaint) to the message of ours
 * it is about before it may suppress, as a DSN is tied by its signed return path:
 * <ol>
 *   <li>a signed VERP: the report came to a return path we signed, or the returned message's
 *       {@code Return-Path} is one (its signature checked here, with the receiver's keys). The
 *       complaint then applies to the recipient the message was sent to (from the delivery events),
 *       whatever the report names: providers often redact the complainant's address;</li>
 *   <li>an unsigned id ({@code X-Mailstream-Message-Id}, else the {@code Message-ID} of the
 *       returned message): anyone can write it (ids derive from the campaign and the address), so it
 *       counts only for an address the report names that is that message's recipient (as a DSN's
 *       claim; mismatches are counted {@code recipient_mismatch});</li>
 *   <li>nothing of the two: logged and counted ({@link NotApplied#UNTIED_FEEDBACK}), not applied.</li>
 * </ol>
 */
final class FeedbackReports {
    private static final Logger LOG = LoggerFactory.getLogger(FeedbackReports.class);

    private final Optional<SignedVerp> returnPaths;
    private final TopologyCounters counters;

    FeedbackReports(Optional<SignedVerp> returnPaths, TopologyCounters counters) {
        this.returnPaths = returnPaths;
        this.counters = counters;
    }

    /** The complaints of {@code report} to check against the delivery events; may be empty. */
    List<RecipientFailure> tie(String key, BounceReport report, Optional<String> signedEnvelopeId, long atMillis) {
        Optional<String> signed = signedEnvelopeId.or(() -> signedReturnPath(report.returned()));
        if (signed.isPresent()) {
            return List.of(new RecipientFailure(MessageRecipientCheck.ITS_RECIPIENT, FailureKind.COMPLAINT,
                    FailureExtractor.COMPLAINT_REASON, signed.get(), null, atMillis, true));
        }
        Optional<String> unsigned = report.returned().unsignedMessageId();
        List<String> named = new ArrayList<>();
        for (RecipientReport r : report.recipients()) {
            FailureExtractor.normalize(r.recipient(), key).ifPresent(named::add);
        }
        if (unsigned.isEmpty() || named.isEmpty()) {
            counters.failureNotApplied(NotApplied.UNTIED_FEEDBACK);
            LOG.warn("Feedback report (key {}) not applied: {}", key, unsigned.isEmpty()
                    ? "neither a signed return path nor a message id of ours in the returned message"
                    : "message id " + unsigned.get() + " is unsigned and the report names no recipient to check it against");
            return List.of();
        }
        return named.stream().map(address -> new RecipientFailure(address, FailureKind.COMPLAINT,
                FailureExtractor.COMPLAINT_REASON, unsigned.get(), null, atMillis, true)).toList();
    }

    private Optional<String> signedReturnPath(ReturnedMessage returned) {
        if (returnPaths.isEmpty()) {
            return Optional.empty();
        }
        for (String path : returned.returnPaths()) {
            try {
                if (returnPaths.get().check(EmailAddress.parse(path)) instanceof VerpCheck.Signed s) {
                    return Optional.of(s.messageId());
                }
            } catch (InvalidAddressException e) {
                LOG.debug("Return-Path {} of a returned message does not parse: {}", path, e.getMessage());
            }
        }
        return Optional.empty();
    }
}
