package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.ClassificationEvidence;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Decides a {@link BounceReason} and hard/soft from the enhanced status code (RFC 3463), the SMTP
 * reply code (RFC 5321 §4.2.1) and the diagnostic text together.
 *
 * <p>Order of evidence, most specific first:
 * <ol>
 *   <li>a 2.x.x status or a positive DSN action is {@code delivered};</li>
 *   <li>a provider's or an MTA's own code, a refusal at the greeting, HELO/EHLO or STARTTLS, a refusal of
 *       the sender or of SMTP AUTH decide before any phrase family ({@link OutrankingVerdicts});</li>
 *   <li>reasons whose phrases are unmistakable (mailbox full, user unknown, relaying denied ...)
 *       are tried in a fixed order; each matches on its own status code or on its phrases;</li>
 *   <li>if the status leaves the reason open (x.0.0, 5.7.x "security", 4.4.x, none at all) the
 *       wider phrase families decide (policy, virus, system, network, expired ...);</li>
 *   <li>then the status code's own reason, the status subject (x.6 content, x.7 security), the
 *       reply code, the action ({@code delayed} means expired), and finally {@code onhold} when
 *       there was text to read or {@code undefined} when there was none ({@link LastResortReasons}).</li>
 * </ol>
 * Stateless and thread-safe; never throws on odd input.
 */
public final class ReasonClassifier {
    /** Tried in this order on status or phrase ({@link #specificReason}). */
    private static final List<BounceReason> SPECIFIC = List.of(
            MAILBOX_FULL, MESG_TOO_BIG, EXCEED_LIMIT, SUSPEND, HAS_MOVED, NO_RELAYING, AUTH_FAILURE,
            NOT_ACCEPT, HOST_UNKNOWN, MAILER_ERROR, USER_UNKNOWN, FILTERED, REQUIRE_PTR, NOT_COMPLIANT_RFC, BAD_REPUTATION, CONTENT_ERROR,
            REJECTED, POLICY_VIOLATION, VIRUS_DETECTED, SPAM_DETECTED, SPEEDING, TOO_MANY_CONN, BLOCKED);
    /** Tried on phrase only when the status does not settle the reason ({@link #generalReason}). */
    private static final List<BounceReason> GENERAL = List.of(
            MAILBOX_FULL, AUTH_FAILURE, BAD_REPUTATION, SPEEDING, SPAM_DETECTED, VIRUS_DETECTED,
            POLICY_VIOLATION, NO_RELAYING, SYSTEM_ERROR, NETWORK_ERROR, SUSPEND, CONTENT_ERROR,
            SYSTEM_FULL, NOT_ACCEPT, EXPIRED, FAILED_STARTTLS, SECURITY_ERROR, SUPPRESSED, MAILER_ERROR,
            SYNTAX_ERROR);
    /** Status-derived reasons too vague to beat a phrase. */
    private static final Set<BounceReason> OPEN = EnumSet.of(
            UNDEFINED, ONHOLD, SYSTEM_ERROR, SECURITY_ERROR, NETWORK_ERROR, HOST_UNKNOWN, USER_UNKNOWN, CONTENT_ERROR);

    private final PhraseLabels labels;

    /** With every provider rule switched on (production). */
    public ReasonClassifier() {
        this(RuleSelection.ALL);
    }

    /** With only the selected families' provider rules ({@link ProviderRules}). */
    public ReasonClassifier(RuleSelection selection) {
        this.labels = new PhraseLabels(selection);
    }

    /** Prepares {@code raw} (may be null) for use with {@link #classify(Optional, Optional, OptionalInt, PreparedText, PreparedText)}. */
    public PreparedText prepare(String raw) {
        return new PreparedText(labels.automaton, raw == null ? "" : raw, null, -1);
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
        return new PreparedText(labels.automaton, null, a.text() + " " + b.text(), a.found() | b.found());
    }

    /**
     * Classifies a synchronous SMTP answer, as the dispatcher sees it (BOUNCED/EXPIRED events).
     * Any argument may be null; a status missing from {@code enhancedStatus} is looked for in the text.
     * The reply was said to us by the recipient's server itself, not quoted by a relay, so the
     * relay rule of {@link UserUnknownRules} does not apply.
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
                // ... unless DATA itself was refused for want of recipients: then the refusal quoted answered RCPT TO
                command = SmtpCommand.isTranscriptDataRefusedForWantOfRecipients(context.text())
                        && !diagnostic.text().contains("no valid recipients")
                        ? Optional.of(SmtpCommand.RCPT) : Optional.empty();
            }
        }
        PhraseEvidence e = new PhraseEvidence(diagnostic.text(), diagnostic.found(), directReply, labels);
        BounceReason reason = decide(action, effective, replyCode, e, command.orElse(null), saidInDiagnostic);
        boolean phraseAgrees = reason.isBounce() && e.matches(reason);
        Optional<String> rule = phraseAgrees ? e.providerRule(reason) : Optional.empty();
        ClassificationEvidence evidence = new ClassificationEvidence(effective,
                replyCode, phraseAgrees ? Optional.of(reason) : Optional.empty(), rule, command.map(Enum::name));
        Confidence confidence = ConfidenceRule.of(reason, status, replyCode, phraseAgrees, rule.isPresent(),
                // only asked for host unknown: the regex behind it need not run for other reasons
                reason == HOST_UNKNOWN && e.matches(HOST_UNKNOWN) && !e.matches(NETWORK_ERROR));
        // a delay notice (RFC 3464 §2.3.3 "delayed") says the MTA is still trying: never hard
        boolean hard = Classification.isHard(reason, effective) && action.orElse(null) != DsnAction.DELAYED;
        return new Classification(reason, hard, status, confidence, evidence);
    }


    private static BounceReason decide(Optional<DsnAction> action, Optional<DeliveryStatus> status,
                                       OptionalInt replyCode, PhraseEvidence e, SmtpCommand command,
                                       boolean commandInDiagnostic) {
        if (status.map(DeliveryStatus::isSuccess).orElse(false) || action.map(DsnAction::isPositive).orElse(false)) {
            return DELIVERED;
        }
        BounceReason byStatus = status.flatMap(StatusCodeReasons::reasonOf).orElse(null);
        BounceReason outranking = OutrankingVerdicts.reasonOf(status, byStatus, replyCode, e, command);
        if (outranking != null) {
            return outranking;
        }
        BounceReason specific = specificReason(status, byStatus, replyCode, e, command);
        if (specific != null) {
            return outlivedByTheQueue(specific, e);
        }
        // refused in reply to MAIL FROM and not for any reason above: the sender was rejected (unless the
        // reply demands STARTTLS or SMTP AUTH of the session: MailFromVerdicts.judgesTheSession)
        if (command == SmtpCommand.MAIL && commandInDiagnostic && !MailFromVerdicts.judgesTheSession(e)) {
            return REJECTED;
        }
        // a delayed DSN is about the queue lifetime, whatever the last attempt's error was
        if (action.orElse(null) == DsnAction.DELAYED) {
            return EXPIRED;
        }
        BounceReason general = generalReason(byStatus, e);
        return general != null ? outlivedByTheQueue(general, e)
                : LastResortReasons.reasonOf(status, byStatus, replyCode, e.text());
    }

    /**
     * A network failure that lasted until the queue gave up ("Deferred: Connection refused by X" above
     * Sendmail's "Message could not be delivered for 5 days", queue.c; BMH's defer / dns_unknown rules read
     * these Sendmail returns) is {@code expired}: the delivery time ran out (Sisimai's Reason::Expired,
     * "delivery time has expired due to a connection failure"; {@link DeliveryPeriodElapsed}).
     */
    private static BounceReason outlivedByTheQueue(BounceReason reason, PhraseEvidence e) {
        return reason == NETWORK_ERROR && DeliveryPeriodElapsed.says(e.text()) ? EXPIRED : reason;
    }

    /** The first {@link #SPECIFIC} reason its status or phrases name, with its refinements; {@code null} if none. */
    private static BounceReason specificReason(Optional<DeliveryStatus> status, BounceReason byStatus,
                                               OptionalInt replyCode, PhraseEvidence e, SmtpCommand command) {
        for (BounceReason r : SPECIFIC) {
            if (r == REJECTED && e.namesBlockList()) {
                // a block list of the links in the message (URIBL/SURBL) judged the content, not the client
                if (ContentScannerReplies.listsTheMessagesLinks(e.text())) {
                    return SPAM_DETECTED;
                }
                // a block list named in the reply outranks "sender rejected", unless what it lists is the
                // sender's domain (a domain block list such as Spamhaus DBL judges MAIL FROM, not the client)
                return DiagnosticPhrases.listsSenderDomain(e.text()) ? REJECTED : BLOCKED;
            }
            boolean hit = switch (r) {
                case USER_UNKNOWN -> UserUnknownRules.userUnknown(status, byStatus, command, replyCode, e);
                case FILTERED -> UserUnknownRules.filtered(byStatus, command, replyCode, e);
                // x.2.3 is the recipient's own size limit, whatever the text says about size
                case MESG_TOO_BIG -> r == byStatus || (byStatus != EXCEED_LIMIT && e.matches(r));
                // x.1.7 / x.1.8 are about the sender's address: its domain failing is a rejection
                // after MAIL FROM the domain is the sender's; after DATA the recipient's domain was
                // evidently found, so a domain named as unknown is someone else's
                // (a 5.1.2 beside a verdict that is not about the domain, as for 5.1.1: UserUnknownRules)
                case HOST_UNKNOWN -> (r == byStatus && !UserUnknownRules.namesAnotherVerdict(e))
                        || (byStatus != REJECTED && command != SmtpCommand.MAIL
                        && command != SmtpCommand.DATA && e.matches(r));
                // x.2.1 "mailbox disabled", unless the server said the user is unknown to RCPT TO, or
                // that the mailbox receives too fast (providers use x.2.1 for per-mailbox rate limits)
                case SUSPEND -> (r == byStatus && !e.matches(SPEEDING)
                        && !(command == SmtpCommand.RCPT && e.matches(USER_UNKNOWN)))
                        || e.matches(r);
                // a limit on connections, not on messages: "connection rate limit exceeded" is toomanyconn, though
                // it says "rate limit" (Sisimai's Reason::TooManyConn; issue 16, rsnA)
                case SPEEDING -> e.matches(r) && !(e.matches(TOO_MANY_CONN) && DiagnosticPhrases.limitsConnections(e.text()));
                // a vague status (x.6.0 content, ...) names its reason only after the phrases had their say
                default -> (r == byStatus && !OPEN.contains(r)) || e.matches(r);
            };
            // "does not accept mail from <sender>" is the recipient's filter, soft; a null MX or a
            // domain that accepts no mail says so without naming whom it refuses
            // (so is "the user does not accept ...": a person's refusal of some mail, ListServerWording)
            if (hit && r == NOT_ACCEPT && byStatus != NOT_ACCEPT && (DiagnosticPhrases.refusesThisSender(e.text())
                    || ListServerWording.recipientRefusesSome(e.text()))) {
                return command == SmtpCommand.MAIL ? REJECTED : FILTERED;
            }
            // X.3.2 "system not accepting network messages" (RFC 3463 §3.4) is what servers write when they refuse one
            // more connection: Sendmail's FEATURE(conncontrol) / FEATURE(ratecontrol) "421 4.3.2 Too many open
            // connections." / "Connection rate limit exceeded." (cf/README), Postfix postscreen's "421 4.3.2 All server
            // ports are busy" (postscreen(8)). A text naming the connection limit says which: toomanyconn (issue 16, rcv)
            if (hit && r == NOT_ACCEPT && byStatus == NOT_ACCEPT && e.matches(TOO_MANY_CONN)) {
                return TOO_MANY_CONN;
            }
            // "not accepting mail with attachments" refuses that content, not all mail: the policy, soft
            if (hit && r == NOT_ACCEPT && byStatus != NOT_ACCEPT && PolicyReasonWording.refusesContent(e.text())) {
                return POLICY_VIOLATION;
            }
            // the sending IP judged (a "sender IP address" is the client's, Sisimai's Reason::Rejected excludes it),
            // or a spam verdict on the connecting host rather than on the message: blocked
            if (hit && r == REJECTED && e.text().contains("sender ip")) {
                return BLOCKED;
            }
            if (hit && r == SPAM_DETECTED && DiagnosticPhrases.judgesClientAsSpamSource(e.text())) {
                return BLOCKED;
            }
            // a filter's or a policy's refusal that names spam as its finding ("by our mail filters ... (spam)",
            // "blocked by policy: no spam") is the spam verdict: that decides further on, with its own refinements
            if (hit && (r == FILTERED || r == POLICY_VIOLATION) && byStatus != r && e.matches(r)
                    && !e.matches(USER_UNKNOWN) && e.matches(SPAM_DETECTED) && SpamVerdicts.filterNamesSpam(e.text())) {
                continue;
            }
            // a sending quota or rate ("Throttling failure: Daily message quota exceeded", Amazon SES's sending
            // quotas, docs.aws.amazon.com/ses "Sending quotas") is the sender's limit, not a full mailbox
            if (hit && r == MAILBOX_FULL && byStatus != r && SpamVerdicts.quotaIsTheSendersRate(e.text())) {
                return SPEEDING;
            }
            // at MAIL FROM no content and no recipient had been seen: the sender, or the client (MailFromVerdicts)
            if (hit && command == SmtpCommand.MAIL && byStatus != r && MailFromVerdicts.cannotBeDecidedAtMailFrom(r)) {
                return e.namesBlockList() || DiagnosticPhrases.namesClientHost(e.text()) ? BLOCKED : REJECTED;
            }
            // "spam or virus" (after DATA or no command): no virus was found (SpamVerdicts)
            if (hit && r == VIRUS_DETECTED && byStatus != r && SpamVerdicts.offersVirusOnlyBesideSpam(e.text())) {
                return DiagnosticPhrases.judgesClientAsSpamSource(e.text()) ? BLOCKED : SPAM_DETECTED;
            }
            // "Virus scanner error", "spam_scan FAILED": the scanner failed and found nothing (ContentScannerReplies)
            if (hit && (r == VIRUS_DETECTED || r == SPAM_DETECTED) && byStatus != r && ContentScannerReplies.scannerFailed(e.text())) {
                return SYSTEM_ERROR;
            }
            if (hit && r == HOST_UNKNOWN && hostLookupOnlyFailed(status, e)) {
                return NETWORK_ERROR;
            }
            // at MAIL FROM a refusal is about the sender (RFC 5321 §3.3: the reverse-path is what MAIL
            // carries; Sisimai's Reason::Rejected reads "access denied (in reply to MAIL FROM)" so),
            // unless it names the client host, its IP address or a block list. The command may come
            // from the report's text: Postfix writes "(in reply to MAIL FROM command)" there, not in
            // the Diagnostic-Code
            if (hit && r == BLOCKED && command == SmtpCommand.MAIL
                    && !e.namesBlockList() && !DiagnosticPhrases.namesClientHost(e.text())) {
                return REJECTED;
            }
            if (hit) {
                return r;
            }
        }
        return null;
    }

    /**
     * When the status leaves the reason open, the wider phrase families; {@code null} when they
     * decide nothing either.
     */
    private static BounceReason generalReason(BounceReason byStatus, PhraseEvidence e) {
        if (byStatus != null && OPEN.contains(byStatus) && e.matches(byStatus)) {
            return byStatus; // status and text agree
        }
        if (byStatus == null || OPEN.contains(byStatus)) {
            for (BounceReason r : GENERAL) {
                if (e.matches(r)) {
                    return r;
                }
            }
        }
        // x.3.1 is "mail system full" (RFC 3463 §3.4), but servers write it beside a general failure too
        // ("451 4.3.1 Temporary System Error"): a text that names a system error and no lack of space decides
        if (byStatus == SYSTEM_FULL && e.matches(SYSTEM_ERROR) && !e.matches(SYSTEM_FULL)) {
            return SYSTEM_ERROR;
        }
        return null;
    }

    /**
     * A name-service failure is not proof that the domain does not exist: when the status is
     * transient (4.x.x) or the text says the resolver itself failed, it is a network error.
     */
    private static boolean hostLookupOnlyFailed(Optional<DeliveryStatus> status, PhraseEvidence e) {
        if (e.text().contains("authoritative answer")) {
            return false; // the domain's own name servers said it does not exist (Sendmail)
        }
        // Sendmail's "Host unknown (Name server: X: host not found)": err.c writes "host not found" only for
        // HOST_NOT_FOUND (NXDOMAIN); a failing resolver is "host name lookup failure" (TRY_AGAIN). Its "no data
        // known" is NO_DATA: the name has no record of the kind asked for, an answer too (BMH's dns_unknown rule)
        if (e.text().contains("name server:") && (e.text().contains("host not found") || e.text().contains("no data known"))
                && !e.text().contains("host not found, try again")) {
            return false;
        }
        // a permanent answer that the domain has no records at all ("No matches to nameserver query", "no DNS entries
        // for this domain"; CiviCRM's "Dns" bounce type, MailingToolWording) names the name server and is still no failure
        return status.map(s -> s.isTransient() && !namesTheDestinationDomain(s)).orElse(false)
                || (e.matches(NETWORK_ERROR) && !MailingToolWording.saysDomainHasNoRecords(e.text()));
    }

    /**
     * X.1.2 "bad destination system address" (RFC 3463 §3.2): the domain's lookup answered that it does not exist,
     * even when the server defers: Postfix's reject_unknown_recipient_domain answers an NXDOMAIN with
     * unknown_address_reject_code (450 by default, postconf(5)) and "4.1.2 ... Domain not found", a failing
     * resolver with 4.4.3 (smtpd_check.c). Still soft by its class; the reason is the domain's (issue 16, rcv).
     */
    private static boolean namesTheDestinationDomain(DeliveryStatus s) {
        return s.subject() == 1 && s.detail() == 2;
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
