package io.mailstream.bounces;

import io.mailstream.bounces.classify.AddressChangeNotice;
import io.mailstream.bounces.classify.DelayWarning;
import io.mailstream.bounces.classify.MtaFamily;
import io.mailstream.bounces.classify.PreparedText;
import io.mailstream.bounces.classify.ReasonClassifier;
import io.mailstream.bounces.classify.ReportedVerdicts;
import io.mailstream.bounces.classify.RuleSelection;
import io.mailstream.bounces.classify.SenderSideReport;
import io.mailstream.bounces.parse.BounceParser;
import io.mailstream.bounces.parse.ParsedBounce;
import io.mailstream.bounces.parse.RecipientEvidence;
import io.mailstream.bounces.verp.MessageIdExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a received bounce (RFC 3464 DSN, non-standard bounce, RFC 5965 feedback report or
 * RFC 3834 auto-reply) into a {@link BounceReport}, and classifies the dispatcher's synchronous
 * SMTP failures the same way.
 *
 * <p>Pure and thread-safe: one instance can serve every Kafka Streams task. It never throws on
 * bad input; whatever cannot be read yields {@link BounceKind#UNPARSEABLE} with problems, and
 * the work per message is bounded by {@link BounceLimits}.
 */
public final class BounceClassifier {
    private static final Logger LOG = LoggerFactory.getLogger(BounceClassifier.class);

    private final BounceLimits limits;
    private final BounceParser parser;
    private final ReasonClassifier reasons;
    private final ReportedVerdicts verdicts;
    private final List<String> filteringGateways;

    public BounceClassifier() {
        this(BounceLimits.DEFAULTS);
    }

    public BounceClassifier(BounceLimits limits) {
        this(limits, RuleSelection.ALL);
    }

    /**
     * A classifier with only the selected families' own rules ({@link io.mailstream.bounces.classify.ProviderRules});
     * production uses {@link RuleSelection#ALL}, the leave-one-family-out evaluation withholds one family.
     */
    public BounceClassifier(BounceLimits limits, RuleSelection rules) {
        this.limits = limits;
        this.parser = new BounceParser(limits);
        this.reasons = new ReasonClassifier(rules);
        this.verdicts = new ReportedVerdicts(rules);
        this.filteringGateways = rules.isOn(MtaFamily.FILTERING_GATEWAY) ? FILTERING_GATEWAYS : List.of();
    }

    public BounceLimits limits() {
        return limits;
    }

    /** Classifies a raw message whose envelope recipient is unknown. */
    public BounceReport classify(byte[] rawMessage) {
        return classify(rawMessage, null);
    }

    /**
     * Classifies a raw message (RFC 5322 octets, any line endings).
     *
     * @param envelopeRecipient the RCPT TO the bounce was received for, e.g. a VERP address
     *                          {@code bounces+<messageId>@bounce.example}; may be null
     */
    public BounceReport classify(byte[] rawMessage, String envelopeRecipient) {
        if (rawMessage == null || rawMessage.length == 0) {
            return BounceReport.unparseable("empty message");
        }
        List<String> problems = new ArrayList<>();
        try {
            ParsedBounce parsed = parser.parse(rawMessage, problems);
            Optional<String> messageId = MessageIdExtractor.find(Optional.ofNullable(envelopeRecipient),
                    parsed.parts().headers(), parsed.parts().originalHeaders(), parsed.originalEnvelopeId());
            List<RecipientReport> recipients = new ArrayList<>(parsed.recipients().size());
            Wider wider = new Wider(parsed.parts().headers());
            for (RecipientEvidence e : parsed.recipients()) {
                recipients.add(report(parsed.kind(), e, messageId, wider));
            }
            return new BounceReport(parsed.kind(), parsed.reportingMta(), parsed.originalEnvelopeId(), recipients, problems,
                    ReturnedMessage.of(parsed.parts().originalHeaders()));
        } catch (Exception | StackOverflowError e) {
            // Jakarta Mail reports malformed MIME with many exception types; all mean "unreadable"
            LOG.debug("unparseable bounce of {} bytes", rawMessage.length, e);
            problems.add("unreadable message: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return new BounceReport(BounceKind.UNPARSEABLE, Optional.empty(), Optional.empty(), List.of(), problems);
        }
    }

    /**
     * Classifies a synchronous SMTP failure (the dispatcher's BOUNCED/EXPIRED events) with the
     * same rules as a DSN recipient. Any argument may be null.
     *
     * @param replyCode      SMTP reply code (RFC 5321 §4.2), e.g. 550
     * @param enhancedStatus RFC 3463 status, e.g. "5.1.1"
     * @param text           the reply text
     */
    public Classification classify(Integer replyCode, String enhancedStatus, String text) {
        try {
            return reasons.classify(replyCode, enhancedStatus, text);
        } catch (RuntimeException e) {
            LOG.debug("classification failed for reply {} {}", replyCode, enhancedStatus, e);
            return Classification.of(BounceReason.UNDEFINED, DeliveryStatus.parse(enhancedStatus));
        }
    }

    private RecipientReport report(BounceKind kind, RecipientEvidence e, Optional<String> messageId, Wider wider) {
        Classification c = switch (kind) {
            case FEEDBACK -> Classification.of(BounceReason.FEEDBACK, Optional.empty());
            case AUTO_REPLY -> autoReply(e);
            default -> fromEvidence(e, wider);
        };
        // no Action field, but the writer's banner says it is still trying: read it as Action: delayed
        // (RFC 3464 §2.3.3), so that downstream it is a deferral, never a failure nor a hard bounce
        boolean stillTrying = kind == BounceKind.DSN && e.action().isEmpty() && c.reason().isBounce()
                && wider.delayWarning(e.fallbackText());
        if (stillTrying && c.hard()) {
            c = new Classification(c.reason(), false, c.status(), c.confidence(), c.evidence());
        }
        DsnAction action = stillTrying ? DsnAction.DELAYED : e.action().orElse(switch (c.reason()) {
            case DELIVERED -> DsnAction.DELIVERED;
            case FEEDBACK, VACATION -> DsnAction.DELIVERED;
            default -> DsnAction.FAILED;
        });
        return new RecipientReport(e.recipient(), action, c.status(), e.replyCode(), e.diagnostic(), c.reason(),
                c.hard(), messageId, e.remoteMta(), c.confidence(), c.evidence());
    }

    private Classification fromEvidence(RecipientEvidence e, Wider wider) {
        Classification c = fromText(e, wider);
        if (e.reportedVerdict().isEmpty()) {
            return c;
        }
        // the reporting MTA's own verdict field: read when the texts decided nothing (or, for a filter's
        // mark, over a bare phrase), keyed to the family that writes it
        return verdicts.instead(e.reportedVerdict().get(), c, e.status()).orElse(c);
    }

    private Classification fromText(RecipientEvidence e, Wider wider) {
        PreparedText context = wider.of(e.fallbackText());
        // a text bounce naming one recipient uses its whole explanation as the diagnostic
        PreparedText diagnostic = e.diagnostic().equals(e.fallbackText().strip())
                ? context : reasons.prepare(io.mailstream.bounces.classify.RelayedReply.of(e.classifiedText()));
        Classification c = reasons.classify(e.action(), e.status(), e.replyCode(), diagnostic, context);
        boolean userUnknownByStatus = e.status().map(s -> s.subject() == 1).orElse(false);
        if (c.reason() == BounceReason.USER_UNKNOWN && !userUnknownByStatus && wider.filteringGateway()) {
            return new Classification(BounceReason.FILTERED, false, c.status(), c.confidence(), c.evidence());
        }
        if (c.reason() == BounceReason.USER_UNKNOWN && saidWithoutAnyCode(c.evidence())
                && SenderSideReport.receivedFromLocalUser(e.fallbackText())) {
            // the writer handed the message on (or filtered it): its "user unknown" is hearsay
            return new Classification(BounceReason.FILTERED, false, c.status(), c.confidence(), c.evidence());
        }
        boolean undecided = c.reason() == BounceReason.ONHOLD || c.reason() == BounceReason.UNDEFINED;
        if (undecided && !context.isEmpty()) {
            PreparedText both = reasons.combine(diagnostic, context);
            // the line naming the recipient had no reply code; the explanation around it may quote one
            java.util.OptionalInt reply = e.replyCode().isPresent() ? e.replyCode()
                    : io.mailstream.bounces.classify.DiagnosticText.findReplyCode(e.fallbackText());
            Classification w = reasons.classify(e.action(), e.status(), reply, both, both);
            if (w.reason() != BounceReason.ONHOLD && w.reason() != BounceReason.UNDEFINED) {
                return w;
            }
        }
        if (undecided) {
            // the texts said nothing classifiable: Sendmail's subject "Returned mail: <status message>" may
            Optional<String> said = io.mailstream.bounces.classify.ReturnedMailSubject.reason(wider.headers.first("subject"));
            if (said.isPresent()) {
                PreparedText subject = reasons.prepare(said.get());
                Classification s = reasons.classify(e.action(), e.status(), e.replyCode(), subject, subject);
                if (s.reason() != BounceReason.ONHOLD && s.reason() != BounceReason.UNDEFINED) {
                    return s;
                }
            }
        }
        return c;
    }

    /**
     * Nothing but a phrase: no status, no reply code, no command and no provider's documented
     * text. Such a "user unknown" is believed only from the MTA that holds the mailbox.
     */
    private static boolean saidWithoutAnyCode(ClassificationEvidence evidence) {
        return evidence.status().isEmpty() && evidence.replyCode().isEmpty() && evidence.command().isEmpty()
                && evidence.providerRule().isEmpty();
    }

    /**
     * Whether the bounce was written by a content-filtering gateway: its X-Mailer or appliance
     * header says so ("m-FILTER", "SurfControl E-mail Filter", "... Security Virtual Appliance"),
     * or its sender or a hop of its own trace (not the returned message's) names a filtering-gateway product. Such a gateway
     * has accepted the message before it reports "user unknown" from behind it, so without a
     * status code saying otherwise that is a filter's decision.
     */
    private boolean isFilteringGateway(io.mailstream.bounces.parse.HeaderFields headers) {
        // x-nai-header is McAfee's (Network Associates) own field: a FILTERING_GATEWAY rule
        for (String field : filteringGateways.isEmpty() ? List.of("x-mailer") : List.of("x-mailer", "x-nai-header")) {
            for (String v : headers.all(field)) {
                String lower = v.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("filter") || lower.contains("appliance")) {
                    return true;
                }
            }
        }
        List<String> trace = new ArrayList<>(headers.all("received"));
        headers.first("from").ifPresent(trace::add);
        for (String field : trace) {
            String lower = field.toLowerCase(java.util.Locale.ROOT);
            for (String product : filteringGateways) {
                if (lower.contains(product)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Hosted and on-site mail filtering products that write their own bounces (family
     * {@link MtaFamily#FILTERING_GATEWAY}: McAfee Email Gateway / MXLogic and MailFoundry product
     * documentation describe the gateway answering for the mailboxes behind it).
     */
    private static final List<String> FILTERING_GATEWAYS = List.of("mailfoundry", "mxlogic", "mcafee");

    /** The wider text of one bounce, prepared once for all its recipients (they share it). */
    private final class Wider {
        private final io.mailstream.bounces.parse.HeaderFields headers;
        private Boolean filteringGateway;
        private String raw;
        private PreparedText prepared;
        private String delayText;
        private Boolean delayWarning;

        Wider(io.mailstream.bounces.parse.HeaderFields headers) {
            this.headers = headers;
        }

        /** Looked up only when a rule asks: it reads every trace field of the bounce. */
        boolean filteringGateway() {
            if (filteringGateway == null) {
                filteringGateway = isFilteringGateway(headers);
            }
            return filteringGateway;
        }

        /** Asked of every recipient without an Action field: scanned once per bounce, its recipients share the text. */
        boolean delayWarning(String fallbackText) {
            if (delayWarning == null || (delayText != fallbackText && !delayText.equals(fallbackText))) {
                delayText = fallbackText;
                delayWarning = DelayWarning.in(fallbackText);
            }
            return delayWarning;
        }

        PreparedText of(String fallbackText) {
            if (prepared == null || (raw != fallbackText && !raw.equals(fallbackText))) {
                raw = fallbackText;
                prepared = reasons.prepare(fallbackText);
            }
            return prepared;
        }
    }

    /** An auto-reply whose text says the account is gone is a bounce in disguise. */
    private Classification autoReply(RecipientEvidence e) {
        Classification c = reasons.classify(Optional.empty(), Optional.empty(), java.util.OptionalInt.empty(),
                e.fallbackText());
        return switch (c.reason()) {
            case USER_UNKNOWN, SUSPEND -> c;
            // "my address has changed, your message has been forwarded": it arrived (AddressChangeNotice)
            case HAS_MOVED -> AddressChangeNotice.saysMessagePassedOn(e.fallbackText())
                    ? Classification.of(BounceReason.VACATION, Optional.empty()) : c;
            default -> Classification.of(BounceReason.VACATION, Optional.empty());
        };
    }
}
