package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.ClassificationEvidence;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.classify.internal.PhraseAutomaton;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Decides a {@link BounceReason} and hard/soft from the enhanced status code (RFC 3463), the SMTP
 * reply code (RFC 5321 §4.2.1) and the diagnostic text together.
 *
 * <p>Order of evidence, most specific first:
 * <ol>
 *   <li>a 2.x.x status or a positive DSN action is {@code delivered};</li>
 *   <li>reasons whose phrases are unmistakable (mailbox full, user unknown, relaying denied ...)
 *       are tried in a fixed order; each matches on its own status code or on its phrases;</li>
 *   <li>if the status leaves the reason open (x.0.0, 5.7.x "security", 4.4.x, none at all) the
 *       wider phrase families decide (policy, virus, system, network, expired ...);</li>
 *   <li>then the status code's own reason, the status subject (x.6 content, x.7 security), the
 *       reply code, the action ({@code delayed} means expired), and finally {@code onhold} when
 *       there was text to read or {@code undefined} when there was none.</li>
 * </ol>
 * Stateless and thread-safe; never throws on odd input.
 */
public final class ReasonClassifier {
    /** Tried in this order on status or phrase (step 2). */
    private static final List<BounceReason> SPECIFIC = List.of(
            MAILBOX_FULL, MESG_TOO_BIG, EXCEED_LIMIT, SUSPEND, HAS_MOVED, NO_RELAYING, AUTH_FAILURE,
            NOT_ACCEPT, HOST_UNKNOWN, MAILER_ERROR, USER_UNKNOWN, FILTERED, REQUIRE_PTR, NOT_COMPLIANT_RFC, BAD_REPUTATION, CONTENT_ERROR,
            REJECTED, POLICY_VIOLATION, VIRUS_DETECTED, SPAM_DETECTED, SPEEDING, TOO_MANY_CONN, BLOCKED);
    /** Tried on phrase only when the status does not settle the reason (step 3). */
    private static final List<BounceReason> GENERAL = List.of(
            MAILBOX_FULL, AUTH_FAILURE, BAD_REPUTATION, SPEEDING, SPAM_DETECTED, VIRUS_DETECTED,
            POLICY_VIOLATION, NO_RELAYING, SYSTEM_ERROR, NETWORK_ERROR, SUSPEND, CONTENT_ERROR,
            SYSTEM_FULL, NOT_ACCEPT, EXPIRED, FAILED_STARTTLS, SECURITY_ERROR, SUPPRESSED, MAILER_ERROR,
            SYNTAX_ERROR);
    private static final List<BounceReason> USER_UNKNOWN_PREEMPTED_BY = List.of(
            NO_RELAYING, BLOCKED, MAILBOX_FULL, HAS_MOVED, REJECTED, NOT_ACCEPT, FILTERED);
    /** Status-derived reasons too vague to beat a phrase. */
    private static final Set<BounceReason> OPEN = EnumSet.of(
            UNDEFINED, ONHOLD, SYSTEM_ERROR, SECURITY_ERROR, NETWORK_ERROR, HOST_UNKNOWN, USER_UNKNOWN, CONTENT_ERROR);

    private final PhraseAutomaton automaton;
    private final Map<BounceReason, List<Pattern>> patterns;
    private final int[] anchorLabel;
    private final int blockListLabel;
    private final int providerLabel;
    private final ProviderRuleIndex providerRules;

    /** With every provider rule switched on (production). */
    public ReasonClassifier() {
        this(RuleSelection.ALL);
    }

    /** With only the selected families' provider rules ({@link ProviderRules}). */
    public ReasonClassifier(RuleSelection selection) {
        Map<Integer, List<String>> byLabel = new TreeMap<>();
        DiagnosticPhrases.literals().forEach((reason, phrases) -> {
            List<String> normalized = new ArrayList<>();
            for (String p : phrases) {
                normalized.add(DiagnosticText.normalize(p));
            }
            byLabel.put(reason.ordinal(), normalized);
        });
        this.providerRules = new ProviderRuleIndex(selection);
        this.patterns = DiagnosticPhrases.patterns();
        this.anchorLabel = new int[BounceReason.values().length];
        int label = 62; // anchors take the top labels; bit 63 stays clear (see PreparedText.found)
        for (Map.Entry<BounceReason, List<String>> e : DiagnosticPhrases.patternAnchors().entrySet()) {
            List<String> normalized = new ArrayList<>();
            for (String p : e.getValue()) {
                normalized.add(DiagnosticText.normalize(p));
            }
            anchorLabel[e.getKey().ordinal()] = label;
            byLabel.put(label--, normalized);
        }
        List<String> lists = new ArrayList<>();
        DiagnosticPhrases.blockLists().forEach(p -> lists.add(DiagnosticText.normalize(p)));
        blockListLabel = label--;
        byLabel.put(blockListLabel, lists);
        providerLabel = label;
        // a provider phrase counts as its reason's phrase family, and marks the provider label too
        providerRules.addTo(byLabel, providerLabel);
        if (providerLabel <= BounceReason.values().length) {
            throw new IllegalStateException("phrase labels collide: " + providerLabel);
        }
        this.automaton = PhraseAutomaton.build(byLabel);
    }

    /**
     * Text made ready for classification once: normalised, its phrase families found and the SMTP
     * command it names. A bounce's wider text is shared by all its recipients; prepare it once.
     */
    public static final class PreparedText {
        private final PhraseAutomaton automaton;
        private final String raw;
        private String text;
        private long found = -1;
        private Optional<SmtpCommand> command;

        private PreparedText(PhraseAutomaton automaton, String raw, String text, long found) {
            this.automaton = automaton;
            this.raw = raw;
            this.text = text;
            this.found = found;
        }

        /** Normalised lazily: the wider text of a DSN is often never needed. */
        String text() {
            if (text == null) {
                text = DiagnosticText.withoutContinuationCodes(DiagnosticText.normalize(raw));
            }
            return text;
        }

        long found() {
            if (found < 0) {
                found = text().isEmpty() ? 0 : automaton.match(text());
            }
            return found;
        }

        Optional<SmtpCommand> command() {
            if (command == null) {
                command = SmtpCommand.findNormalized(text());
            }
            return command;
        }

        public boolean isEmpty() {
            return raw != null ? raw.isBlank() : text.isEmpty();
        }
    }

    /** Prepares {@code raw} (may be null) for use with {@link #classify(Optional, Optional, OptionalInt, PreparedText, PreparedText)}. */
    public PreparedText prepare(String raw) {
        return new PreparedText(automaton, raw == null ? "" : raw, null, -1);
    }

    /** {@code a} then {@code b}, without scanning again. */
    public PreparedText combine(PreparedText a, PreparedText b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        // the automaton's labels never use the top bit, so -1 cannot be a real result
        return new PreparedText(automaton, null, a.text() + " " + b.text(), a.found() | b.found());
    }

    /**
     * Classifies a synchronous SMTP answer, as the dispatcher sees it (BOUNCED/EXPIRED events).
     * Any argument may be null; a status missing from {@code enhancedStatus} is looked for in the text.
     * The reply was said to us by the recipient's server itself, not quoted by a relay, so the
     * relay rule of {@link #userUnknown} does not apply.
     */
    public Classification classify(Integer replyCode, String enhancedStatus, String text) {
        Optional<DeliveryStatus> status = DeliveryStatus.parse(enhancedStatus);
        if (status.isEmpty()) {
            status = DiagnosticText.findStatus(text);
        }
        OptionalInt reply = replyCode == null ? DiagnosticText.findReplyCode(text) : OptionalInt.of(replyCode);
        PreparedText d = prepare(text);
        return classify(Optional.empty(), status, reply, d, d, true);
    }

    /** Classifies one recipient of a DSN or of a bounce read from text. */
    public Classification classify(Optional<DsnAction> action, Optional<DeliveryStatus> status,
                                   OptionalInt replyCode, String diagnostic) {
        PreparedText d = prepare(diagnostic);
        return classify(action, status, replyCode, d, d);
    }

    /**
     * Classifies one recipient; {@code context} is the wider bounce text in which the SMTP
     * command that failed ("in reply to RCPT TO command", "after end of data") is looked for.
     */
    public Classification classify(Optional<DsnAction> action, Optional<DeliveryStatus> status,
                                   OptionalInt replyCode, String diagnostic, String context) {
        return classify(action, status, replyCode, prepare(diagnostic), prepare(context));
    }

    /** As {@link #classify(Optional, Optional, OptionalInt, String, String)} with prepared texts. */
    public Classification classify(Optional<DsnAction> action, Optional<DeliveryStatus> status,
                                   OptionalInt replyCode, PreparedText diagnostic, PreparedText context) {
        return classify(action, status, replyCode, diagnostic, context, false);
    }

    private Classification classify(Optional<DsnAction> action, Optional<DeliveryStatus> status, OptionalInt replyCode,
                                    PreparedText diagnostic, PreparedText context, boolean directReply) {
        Optional<DeliveryStatus> effective = effectiveStatus(status, replyCode);
        Optional<SmtpCommand> command = diagnostic.command();
        boolean saidInDiagnostic = command.isPresent();
        if (command.isEmpty() && context != diagnostic) {
            command = context.command();
            // ">>> DATA" in a Sendmail transcript is the next command a pipelining client sent,
            // not necessarily the one refused; only "end of data" / "DATA command" say that
            if (command.orElse(null) == SmtpCommand.DATA && SmtpCommand.isTranscriptDataOnly(context.text())) {
                command = Optional.empty();
            }
        }
        Evidence e = new Evidence(diagnostic.text(), diagnostic.found(), directReply);
        BounceReason reason = decide(action, effective, replyCode, e, command.orElse(null), saidInDiagnostic);
        boolean phraseAgrees = reason.isBounce() && matches(reason, e);
        Optional<String> rule = phraseAgrees && (e.found & (1L << providerLabel)) != 0
                ? providerRules.nameOf(reason, e.text) : Optional.empty();
        ClassificationEvidence evidence = new ClassificationEvidence(effective,
                replyCode, phraseAgrees ? Optional.of(reason) : Optional.empty(), rule, command.map(Enum::name));
        Confidence confidence = ConfidenceRule.of(reason, status, replyCode, phraseAgrees, rule.isPresent(),
                // only asked for host unknown: the regex behind it need not run for other reasons
                reason == HOST_UNKNOWN && matches(HOST_UNKNOWN, e) && !matches(NETWORK_ERROR, e));
        return new Classification(reason, Classification.isHard(reason, effective), status, confidence, evidence);
    }


    private BounceReason decide(Optional<DsnAction> action, Optional<DeliveryStatus> status,
                                OptionalInt replyCode, Evidence e, SmtpCommand command,
                                boolean commandInDiagnostic) {
        if (status.map(DeliveryStatus::isSuccess).orElse(false) || action.map(DsnAction::isPositive).orElse(false)) {
            return DELIVERED;
        }
        BounceReason byStatus = status.flatMap(StatusCodeReasons::reasonOf).orElse(null);
        // refused at the greeting, before the client said anything: the client is blocked
        if (command == SmtpCommand.CONN) {
            return matches(TOO_MANY_CONN, e) ? TOO_MANY_CONN : BLOCKED;
        }
        for (BounceReason r : SPECIFIC) {
            if (r == REJECTED && (e.found & (1L << blockListLabel)) != 0) {
                return BLOCKED; // a block list named in the reply outranks "sender rejected"
            }
            boolean hit = switch (r) {
                case USER_UNKNOWN -> userUnknown(status, byStatus, command, replyCode, e);
                case FILTERED -> filtered(byStatus, command, replyCode, e);
                // x.2.3 is the recipient's own size limit, whatever the text says about size
                case MESG_TOO_BIG -> r == byStatus || (byStatus != EXCEED_LIMIT && matches(r, e));
                // x.1.7 / x.1.8 are about the sender's address: its domain failing is a rejection
                // after MAIL FROM the domain is the sender's; after DATA the recipient's domain was
                // evidently found, so a domain named as unknown is someone else's
                case HOST_UNKNOWN -> r == byStatus || (byStatus != REJECTED && command != SmtpCommand.MAIL
                        && command != SmtpCommand.DATA && matches(r, e));
                // x.2.1 "mailbox disabled", unless the server said the user is unknown to RCPT TO, or
                // that the mailbox receives too fast (providers use x.2.1 for per-mailbox rate limits)
                case SUSPEND -> (r == byStatus && !matches(SPEEDING, e)
                        && !(command == SmtpCommand.RCPT && matches(USER_UNKNOWN, e)))
                        || matches(r, e);
                // a vague status (x.6.0 content, ...) names its reason only after the phrases had their say
                default -> (r == byStatus && !OPEN.contains(r)) || matches(r, e);
            };
            if (hit && r == HOST_UNKNOWN && hostLookupOnlyFailed(status, e)) {
                return NETWORK_ERROR;
            }
            if (hit) {
                return r;
            }
        }
        // refused in reply to MAIL FROM and not for any reason above: the sender was rejected
        if (command == SmtpCommand.MAIL && commandInDiagnostic) {
            return REJECTED;
        }
        // a delayed DSN is about the queue lifetime, whatever the last attempt's error was
        if (action.orElse(null) == DsnAction.DELAYED) {
            return EXPIRED;
        }
        if (byStatus != null && OPEN.contains(byStatus) && matches(byStatus, e)) {
            return byStatus; // status and text agree
        }
        if (byStatus == null || OPEN.contains(byStatus)) {
            for (BounceReason r : GENERAL) {
                if (matches(r, e)) {
                    return r;
                }
            }
        }
        if (byStatus != null) {
            return byStatus;
        }
        if (status.isPresent() && !status.get().isUnspecific()) {
            int subject = status.get().subject();
            if (subject == 6) {
                return CONTENT_ERROR;
            }
            if (subject == 7) {
                return SECURITY_ERROR;
            }
        }
        if (replyCode.isPresent()) {
            Optional<BounceReason> byReply = ReplyCodeReasons.reasonOf(replyCode.getAsInt());
            if (byReply.isPresent()) {
                return byReply.get();
            }
        }
        if (action.orElse(null) == DsnAction.DELAYED) {
            return EXPIRED;
        }
        return e.text.isEmpty() ? UNDEFINED : ONHOLD;
    }

    /**
     * "User unknown" is believed from a 5.1.x status unless the text says something more specific.
     * From the text alone it is believed when the server said it to RCPT TO, when a provider's
     * documented text says so, or when the MTA that wrote the bounce said it in its own words (no
     * SMTP reply quoted, no command, no status): then the mailbox host looked the user up in its own
     * directory. A remote server's reply quoted by a relay without the command it answered is not
     * enough: the relay had accepted the message, and the refusal may have come after DATA from a
     * filter (Sisimai's Reason::Filtered treats "user unknown" outside RCPT/MAIL so; it is also the
     * cautious reading, since a hard bounce suppresses for ever). A reply the dispatcher got itself
     * ({@link Evidence#directReply}) is no relay's quote. Said after DATA it is a content
     * filter pretending the user does not exist, and a status of its own (x.2.x "mailbox disabled")
     * turns it into filtered.
     */
    private boolean userUnknown(Optional<DeliveryStatus> status, BounceReason byStatus, SmtpCommand command,
                                OptionalInt replyCode, Evidence e) {
        if (command == SmtpCommand.MAIL) {
            return false; // x.1.x answered to MAIL FROM is about the sender's address
        }
        if (byStatus == USER_UNKNOWN) {
            for (BounceReason other : USER_UNKNOWN_PREEMPTED_BY) {
                if (matches(other, e)) {
                    return false;
                }
            }
            return true;
        }
        if (!matches(USER_UNKNOWN, e)) {
            return command == SmtpCommand.RCPT && refusesOnlyTheRecipient(replyCode, e);
        }
        if (command == SmtpCommand.RCPT || status.map(ReasonClassifier::isVendorAddressStatus).orElse(false)) {
            // refused before any content was sent: no filter has seen the message; or an addressing
            // status (RFC 3463 X.1.XXX) a vendor extended (Exchange's 5.1.351) said the same
            return true;
        }
        if (matches(FILTERED, e)) {
            return false;
        }
        if (command != null || byStatus != null) {
            return false;
        }
        return replyCode.isEmpty() || e.directReply || providerSays(USER_UNKNOWN, e);
    }

    /**
     * Filtered: the status says so, or a filter phrase, or "user unknown" said after the message
     * was sent (DATA), to no named command while the status names a reason of its own, or quoted
     * from a remote server by a relay that does not say which command it answered (see
     * {@link #userUnknown}).
     */
    private boolean filtered(BounceReason byStatus, SmtpCommand command, OptionalInt replyCode, Evidence e) {
        if (byStatus == FILTERED) {
            return true;
        }
        if (command == SmtpCommand.RCPT || command == SmtpCommand.MAIL) {
            return false;
        }
        if (matches(FILTERED, e)) {
            return true;
        }
        return matches(USER_UNKNOWN, e) && (command != null || byStatus != null
                || (replyCode.isPresent() && !e.directReply && !providerSays(USER_UNKNOWN, e)));
    }

    /**
     * A permanent reply to RCPT TO that says only that the recipient was refused
     * ({@link DiagnosticPhrases#bareRecipientRefusals()}) and matches no reason's phrase family.
     */
    private boolean refusesOnlyTheRecipient(OptionalInt replyCode, Evidence e) {
        if (replyCode.isEmpty() || replyCode.getAsInt() / 100 != 5 || (e.found & REASON_LABELS) != 0) {
            return false;
        }
        for (String p : BARE_RECIPIENT_REFUSALS) {
            if (e.text.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** The automaton labels that are reasons' phrase families (label = reason ordinal). */
    private static final long REASON_LABELS = (1L << BounceReason.values().length) - 1;
    private static final List<String> BARE_RECIPIENT_REFUSALS = DiagnosticPhrases.bareRecipientRefusals();

    /**
     * An addressing status (RFC 3463 §3.2, subject 1) with a detail the IANA registry does not
     * define (it defines X.1.0 to X.1.10): a vendor's refinement, e.g. Exchange's 5.1.351 "remote
     * server returned unknown recipient". The subject still says the address was the problem.
     */
    static boolean isVendorAddressStatus(DeliveryStatus s) {
        return s.subject() == 1 && s.detail() > 10;
    }

    /** Whether a switched-on provider rule of {@code reason} ({@link ProviderRules}) matched the text. */
    private boolean providerSays(BounceReason reason, Evidence e) {
        return (e.found & (1L << providerLabel)) != 0 && providerRules.nameOf(reason, e.text).isPresent();
    }

    /**
     * A name-service failure is not proof that the domain does not exist: when the status is
     * transient (4.x.x) or the text says the resolver itself failed, it is a network error.
     */
    private boolean hostLookupOnlyFailed(Optional<DeliveryStatus> status, Evidence e) {
        if (e.text.contains("authoritative answer")) {
            return false; // the domain's own name servers said it does not exist (Sendmail)
        }
        return status.map(DeliveryStatus::isTransient).orElse(false) || matches(NETWORK_ERROR, e);
    }

    private boolean matches(BounceReason r, Evidence e) {
        if ((e.found & (1L << r.ordinal())) != 0) {
            return true;
        }
        List<Pattern> ps = patterns.get(r);
        if (ps == null || (e.found & (1L << anchorLabel[r.ordinal()])) == 0) {
            return false;
        }
        long bit = 1L << r.ordinal();
        if ((e.patternChecked & bit) == 0) {
            // a rule may ask about the same reason several times: run its regexes once per text
            e.patternChecked |= bit;
            for (Pattern p : ps) {
                if (p.matcher(e.text).find()) {
                    e.patternHit |= bit;
                    break;
                }
            }
        }
        return (e.patternHit & bit) != 0;
    }

    /** The diagnostic being classified: its text, the phrase labels found in it, and regex results so far. */
    private static final class Evidence {
        final String text;
        final long found;
        /** Said to us by the recipient's server (the dispatcher's reply), not quoted in a bounce by a relay. */
        final boolean directReply;
        long patternChecked;
        long patternHit;

        Evidence(String text, long found, boolean directReply) {
            this.text = text;
            this.found = found;
            this.directReply = directReply;
        }
    }

    /** A reply code stands in for the status class when the report gives no enhanced status. */
    private static Optional<DeliveryStatus> effectiveStatus(Optional<DeliveryStatus> status, OptionalInt replyCode) {
        if (status.isPresent() || replyCode.isEmpty()) {
            return status;
        }
        int cls = replyCode.getAsInt() / 100;
        return cls == 4 || cls == 5 || cls == 2 ? Optional.of(new DeliveryStatus(cls, 0, 0)) : Optional.empty();
    }
}
