package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Diagnostic wordings of the 2000s-2010s servers that list servers' bounce handlers were written against,
 * which {@link DiagnosticPhrases} lacked. They join the same automaton labels (literals) and the same
 * per-reason regexes (behind their own anchors), like {@link PolicyReasonWording}.
 *
 * <p>Learned from the rule code of two PHP bounce handlers, read for the concept each rule group stands
 * for, never copied: BounceMailHandler ({@code bmhBodyRules} / {@code bmhDSNRules}, the category rules
 * "unknown", "full", "inactive", "dns_unknown", "command_reject", "content_reject", "user_reject",
 * "internal_error", "antispam"; voku/bounce-mail-handler and its forks, file {@code phpmailer-bmh_rules.php}
 * or {@code BounceMailHandlerRules.php}) and cfortune/PHP-Bounce-Handler ({@code bounce_responses.php}, its
 * phrase → RFC 3463 status table). Their categories were mapped to ours by what the wording says, with our
 * caution where theirs differs: BMH's "inactive" (which it removes) is {@code suspend}, soft; its
 * "internal_error" is {@code systemerror}; its "command_reject" of relaying is {@code norelaying}; its
 * "user_reject" is the recipient's {@code filtered}. Each group says which category or status it came from.
 */
final class ListServerWording {
    private ListServerWording() {
    }

    /** An e-mail address inside a span (its dots are no sentence end); atomic, so a long line cannot backtrack. */
    private static final String SPAN_WITH_ADDRESS = "(?>[^\\s@;<>]*@[^\\s;<>]+|[^.;])";

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        // BMH "full" / PHP-Bounce-Handler 4.2.2: a German server's "too many mails on the server" (the POP box
        // holding too many messages, as "too many messages on the server" in English), and Postfix local(8)'s
        // "error writing message: File too large", which it writes when a mailbox file reaches
        // mailbox_size_limit (postconf(5) "mailbox_size_limit": the maximal size of a local mailbox)
        m.put(MAILBOX_FULL, List.of("zuviele mails auf dem server", "zu viele mails auf dem server",
                "error writing message: file too large"));
        // BMH "inactive" / PHP-Bounce-Handler 5.2.1: a mailbox closed or locked for lack of use, in English,
        // Spanish ("por falta de uso", "estado: inactivo") and Italian ("per inutilizzo"); CommuniGate Pro's
        // "mail receiving disabled" (the account's own setting, BMH's dsn_msg rule). Soft: the mailbox exists
        m.put(SUSPEND, List.of("due to inactivity", "because of inactivity", "for inactivity",
                "por falta de uso", "estado: inactivo", "per inutilizzo", "receiving disabled"));
        // BMH "command_reject": relaying refused without the words the relay family knows
        m.put(NO_RELAYING, List.of("unauthorized relay", "not for a local domain"));
        // BMH "unknown" and PHP-Bounce-Handler 5.1.1 in other languages: Italian "destinatario errato" (wrong
        // recipient), Polish "nie ma takiego konta / użytkownika / adresu" (there is no such account ...)
        m.put(USER_UNKNOWN, List.of("destinatario errato", "indirizzo errato", "nie ma takiego konta",
                "nie ma takiego użytkownika", "nie ma takiego uzytkownika", "nie ma takiego adresu"));
        // BMH "antispam" rules that name the client ("Client host bypassing service provider's mail relay",
        // "Client host ... blocked using ...") and PHP-Bounce-Handler 5.7.1's "dial-up or dynamic-ip denied":
        // the connecting host judged
        // the connecting host judged by where it is or what it did (PHP-Bounce-Handler 5.7.1's "not allowed access
        // from your location", "Connection refused due to abuse")
        m.put(BLOCKED, List.of("client host", "from your location", "from your country", "due to abuse"));
        // BMH "antispam, reject" of the envelope sender (NetEase's "sender is rejected: ...")
        m.put(REJECTED, List.of("sender is rejected"));
        // BMH "content_reject": a MIME structure refused (MessageWall's "MIME/REJECT", "MIME error")
        m.put(CONTENT_ERROR, List.of("mime/reject", "mime error"));
        // BMH "user_reject" ("User refused to receive this mail"): the recipient's own refusal
        // and BMH "latin_only" ("The user does not accept email in non-Western character sets"): a person
        // refusing some mail, said of the recipient too
        m.put(FILTERED, List.of("refused to receive", "recipient does not accept", "recipient doesn't accept"));
        // BMH "internal_error" and PHP-Bounce-Handler 4.3.2: the receiving system's own fault, said with the
        // operating system's words (EIO's strerror "Input/output error", a quoted errno) or its load
        // (Postfix smtpd's "Temporary lookup failure", 451 4.3.0, its reply when one of its own lookup tables
        // fails; PHP-Bounce-Handler lists it). EAGAIN's "Resource(s) temporarily unavailable" (BMH's "defer") is
        // left out: in a final report it stands above the queue's verdict, which is the reason (expired)
        m.put(SYSTEM_ERROR, List.of("input/output error", "i/o error", "errno", "system load", "too much load",
                "temporary lookup failure"));
        // PHP-Bounce-Handler 5.7.1 "Message does not pass DomainKeys": DomainKeys (RFC 4870) is DKIM's predecessor
        m.put(AUTH_FAILURE, List.of("domainkeys"));
        return m;
    }

    /** For each reason with {@link #patterns()}: words at least one of which every match contains. */
    static Map<BounceReason, List<String>> patternAnchors() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of("invalid", "wrong", "illegal", "no such", "no one", "not found in", "find",
                "no longer exist", "nie istnieje"));
        m.put(MAILBOX_FULL, List.of("full", "exceeded", "exhausted", "used up", "not enough"));
        m.put(SUSPEND, List.of("disabled", "locked", "deactivated", "not activated", "suspended", "expired"));
        m.put(NO_RELAYING, List.of("relay"));
        return m;
    }

    static Map<BounceReason, List<Pattern>> patterns() {
        Map<BounceReason, List<Pattern>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of(
                // BMH "unknown" (/Invalid.*(alias|account|recipient|...)/, /Wrong (recipient|...)/) and
                // PHP-Bounce-Handler 5.1.1 ("Invalid account", "unknown or illegal user"): the adjective before
                // the noun ("Invalid User", "Wrong recipients"), the order the existing patterns lack
                Pattern.compile("\\b(?:invalid|wrong|illegal) (?:e-?mail )?(?:user|recipient|mailbox|account|alias)(?:e?s)?\\b"),
                // "no such mail drop", "no one with that email address here": nobody of that name (BMH "unknown",
                // PHP-Bounce-Handler 5.1.1)
                Pattern.compile("\\bno (?:such|one)\\b[^.;]{0,24}\\b(?:user|mailbox|recipient|account|address|mail ?drop|person)\\b"),
                // looked up and not found in the receiver's directory ("was not found in LDAP server",
                // PHP-Bounce-Handler 5.1.1; Domino's and Exchange's address books)
                Pattern.compile("\\bnot found in (?:the |our |my )?(?:ldap|directory|address book|user database)\\b"),
                // "Unable to find alias user", "can't find user's mailbox" (BMH "unknown", qmail-local); not an
                // account "for sender"
                Pattern.compile("\\b(?:can't|cannot|can not|couldn't|could not|unable to) find\\b[^.;]{0,20}\\b(?:user|mailbox|recipient|alias|account)\\b(?![^.;]{0,20}\\bsender\\b)"),
                // "Recipient address no longer exists" (BMH lists it as "inactive", but nothing is left to
                // reactivate: the address is gone)
                Pattern.compile("\\b(?:user|mailbox|recipient|address|account)\\b" + SPAN_WITH_ADDRESS + "{0,30}\\bno longer exists?\\b"),
                // Polish "konto <address> nie istnieje" (the account does not exist; PHP-Bounce-Handler's .PL entry)
                Pattern.compile("\\b(?:konto|adres|skrzynka|użytkownik|uzytkownik)\\b" + SPAN_WITH_ADDRESS + "{0,40}\\bnie istnieje\\b")));
        m.put(MAILBOX_FULL, List.of(
                // "the destination mailbox <a@example.org> is full" (BMH "full", X-HERMES): an address between
                Pattern.compile("\\b(?:mailbox|mail box|inbox)\\b" + SPAN_WITH_ADDRESS + "{0,40}?\\bis full\\b"),
                // the recipient's storage named full or used up ("recipient storage full", "User has exhausted
                // allowed storage space", "Mailbox space not enough"; BMH "full", PHP-Bounce-Handler 4.2.2)
                Pattern.compile("\\b(?:recipient|user)(?:'s)? (?:storage|disk|space)\\b[^.;]{0,20}\\b(?:full|exceeded|exhausted)\\b"),
                Pattern.compile("\\b(?:user|mailbox|account|recipient)\\b[^.;]{0,30}\\b(?:exhausted|used up)\\b[^.;]{0,20}\\b(?:storage|space|quota)\\b"),
                Pattern.compile("\\b(?:mailbox|mail box|account|user)(?:'s)? (?:space|storage|quota) (?:is )?not enough\\b")));
        m.put(SUSPEND, List.of(
                // the noun and its state side by side ("user disabled", "Mailbox Locked or Suspended", "User status
                // is locked", "<user> is now disabled", "User account not activated"; BMH "inactive",
                // PHP-Bounce-Handler 5.2.1); "the user has disabled ..." (a recipient's own setting) is not one
                Pattern.compile("\\b(?:account|mailbox|user|recipient)>?(?: status)? (?:is |has been |was )?(?:now |currently |temporarily )?(?:disabled|locked|deactivated|not activated)\\b"),
                // the mailbox named by its bare name in angle brackets ("<someone> is now disabled with MTA service")
                Pattern.compile("<[^<>\\s]{1,64}>:? (?:is |has been )(?:now |currently |temporarily )?(?:disabled|locked|deactivated|suspended)\\b"),
                // "account expired" (BMH "inactive"): the account, not a message, ran out
                Pattern.compile("\\b(?:account|mailbox) (?:has )?expired\\b")));
        m.put(NO_RELAYING, List.of(
                // relaying refused in any order of words ("Relaying not allowed", "relaying to <a@example.org>
                // prohibited by administrator"; BMH "command_reject", PHP-Bounce-Handler 5.1.2/5.7.1); Postfix's log
                // field "relay=host, ..." is no relaying
                Pattern.compile("\\brelay(?:ing)?\\b(?!=)" + SPAN_WITH_ADDRESS + "{0,40}?\\b(?:denied|prohibited|refused|not (?:allowed|permitted))\\b")));
        return m;
    }

    /**
     * "The user does not accept email in non-Western character sets": a person refusing some mail (BMH's
     * "latin_only" category), the recipient's filter, soft; never a domain that accepts no mail (RFC 7505).
     */
    static boolean recipientRefusesSome(String normalized) {
        return normalized.contains("user does not accept") || normalized.contains("recipient does not accept")
                || normalized.contains("user doesn't accept") || normalized.contains("recipient doesn't accept");
    }
}
