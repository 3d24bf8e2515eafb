package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.DeliveryStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Who said "user unknown", and in reply to what (issue 16): the rules that decide between
 * {@code userunknown} (the directory said the address does not exist: hard) and {@code filtered}
 * (a filter or a relay said so, or we cannot tell when: soft). Split from {@link ReasonClassifier},
 * which asks them in its fixed order of reasons.
 */
final class UserUnknownRules {
    // (issue 16, kumo) also a policy, spam, virus, rate or reputation verdict beside 5.1.1: providers answer RCPT TO
    // with 5.1.1 for refusals that are not about the address ("550 5.1.1 ... rejected as spam", KumoMTA's community rules
    // file many such replies under PolicyRelated); the words name the verdict, and the caution keeps it soft
    private static final List<BounceReason> USER_UNKNOWN_PREEMPTED_BY = List.of(
            NO_RELAYING, BLOCKED, MAILBOX_FULL, HAS_MOVED, REJECTED, NOT_ACCEPT, FILTERED,
            POLICY_VIOLATION, SPAM_DETECTED, VIRUS_DETECTED, SPEEDING, BAD_REPUTATION);

    private UserUnknownRules() {
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
     * ({@link PhraseEvidence#directReply()}) is no relay's quote. Said after DATA it is a content
     * filter pretending the user does not exist, and a status of its own (x.2.x "mailbox disabled")
     * turns it into filtered.
     */
    static boolean userUnknown(Optional<DeliveryStatus> status, BounceReason byStatus, SmtpCommand command,
                               OptionalInt replyCode, PhraseEvidence e) {
        if (command == SmtpCommand.MAIL) {
            return false; // x.1.x answered to MAIL FROM is about the sender's address
        }
        if (byStatus == USER_UNKNOWN) {
            return !namesAnotherVerdict(e);
        }
        if (!e.matches(USER_UNKNOWN)) {
            return command == SmtpCommand.RCPT && refusesOnlyTheRecipient(replyCode, e);
        }
        if (command == SmtpCommand.RCPT || status.map(UserUnknownRules::isVendorAddressStatus).orElse(false)) {
            // refused before any content was sent: no filter has seen the message; or an addressing
            // status (RFC 3463 X.1.XXX) a vendor extended (Exchange's 5.1.351) said the same
            return true;
        }
        if (e.matches(FILTERED)) {
            return false;
        }
        if (command != null || byStatus != null) {
            return false;
        }
        return replyCode.isEmpty() || e.directReply() || e.providerSays(USER_UNKNOWN);
    }

    /**
     * True when the text names a verdict that is not about the address (a block, a full mailbox, the sender refused, a
     * policy, spam, rate or reputation verdict ...): then an addressing status beside it (5.1.1, and 5.1.2 for the
     * domain) does not make the refusal an unknown user or host, and the caution keeps it soft.
     */
    static boolean namesAnotherVerdict(PhraseEvidence e) {
        for (BounceReason other : USER_UNKNOWN_PREEMPTED_BY) {
            if (e.matches(other)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Filtered: the status says so, or a filter phrase, or "user unknown" said after the message
     * was sent (DATA), to no named command while the status names a reason of its own, or quoted
     * from a remote server by a relay that does not say which command it answered (see
     * {@link #userUnknown}).
     */
    static boolean filtered(BounceReason byStatus, SmtpCommand command, OptionalInt replyCode, PhraseEvidence e) {
        if (byStatus == FILTERED) {
            return true;
        }
        if (command == SmtpCommand.RCPT || command == SmtpCommand.MAIL) {
            return false;
        }
        if (e.matches(FILTERED)) {
            return true;
        }
        return e.matches(USER_UNKNOWN) && (command != null || byStatus != null
                || (replyCode.isPresent() && !e.directReply() && !e.providerSays(USER_UNKNOWN)))
                // (issue 16, rcv) a refusal that names only the recipient (qmail's "sorry, this recipient is not in my
                // validrcptto list (#5.7.1)", Postfix's bare "Recipient address rejected") quoted by a relay that does not
                // say which command it answered: the same caution as for "user unknown" quoted so
                || (command == null && !e.directReply() && refusesOnlyTheRecipient(replyCode, e));
    }

    /**
     * A permanent reply to RCPT TO that says only that the recipient was refused
     * ({@link DiagnosticPhrases#bareRecipientRefusals()}) and matches no reason's phrase family.
     */
    private static boolean refusesOnlyTheRecipient(OptionalInt replyCode, PhraseEvidence e) {
        if (replyCode.isEmpty() || replyCode.getAsInt() / 100 != 5 || e.anyReasonPhrase()) {
            return false;
        }
        for (String p : BARE_RECIPIENT_REFUSALS) {
            if (e.text().contains(p)) {
                return true;
            }
        }
        for (String p : MTA_RECIPIENT_REFUSALS) {
            if (e.text().contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static final List<String> BARE_RECIPIENT_REFUSALS = DiagnosticPhrases.bareRecipientRefusals();

    /**
     * MTAs' own sentences for "the remote host refused this recipient at RCPT TO": qmail-remote.c's
     * "&lt;host&gt; does not like recipient." (written when RCPT TO got a 4xx/5xx; Sisimai's Lhost::Qmail
     * and its clones Lhost::X4 read it as userunknown). Only with a 5xx reply and no reason phrase,
     * like the other bare refusals.
     */
    private static final List<String> MTA_RECIPIENT_REFUSALS = List.of("does not like recipient");

    /**
     * An addressing status (RFC 3463 §3.2, subject 1) with a detail the IANA registry does not
     * define (it defines X.1.0 to X.1.10): a vendor's refinement, e.g. Exchange's 5.1.351 "remote
     * server returned unknown recipient". The subject still says the address was the problem.
     */
    static boolean isVendorAddressStatus(DeliveryStatus s) {
        return s.subject() == 1 && s.detail() > 10;
    }
}
