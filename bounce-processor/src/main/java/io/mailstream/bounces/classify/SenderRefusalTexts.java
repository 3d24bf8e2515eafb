package io.mailstream.bounces.classify;

import java.util.List;

/**
 * Fixed refusals of the envelope sender (the MAIL FROM address) that MTAs write whatever command
 * they answer: Sisimai's {@code rejected}, "Email rejected due to a senders email address (envelope
 * from)". Said at RCPT TO too (a server may delay its sender checks to RCPT, as Postfix's
 * smtpd_delay_reject does), so they are decided before any recipient reason: a "does not exist" in
 * them is the sender's domain, never the recipient's, and never makes a hard bounce.
 *
 * <p>Sources, each the MTA's own wording:
 * <ul>
 *   <li>Sendmail's check_mail ruleset (cf/m4/proto.m4): "553 5.1.8 Domain of sender address X does not
 *       exist" / "501 5.1.8 Domain of sender address X does not exist";</li>
 *   <li>Exim's sender verification (specification, "verify = sender"): "Sender verify failed",
 *       "Unrouteable sender address";</li>
 *   <li>refusals of the null reverse-path that RFC 5321 §4.5.5 says must be accepted: "null sender is
 *       not allowed", "returned mail not accepted here", "no third-party DSNs", IMail's "Bogus mail
 *       from";</li>
 *   <li>Bounce Address Tag Validation (BATV, draft-levine-smtp-batv): a bounce whose envelope
 *       recipient, our sender, carries no valid tag;</li>
 *   <li>a sender address on the receiver's deny list: "sender address has been blacklisted", "sender
 *       is in my black list" (Sisimai's Reason::Rejected lists them as sender refusals).</li>
 * </ul>
 */
final class SenderRefusalTexts {
    private static final List<String> PHRASES = List.of(
            "domain of sender address", "sender verify failed", "unrouteable sender address",
            "unroutable sender address", "null sender is not allowed", "returned mail not accepted here",
            "no third-party dsns", "bogus mail from", "batv", "sender address has been blacklisted",
            "sender is in my black list", "sender not pre-approved", "mail from not owned by user",
            // a bounce refused for its null reverse-path: "unsigned DSN" (a BATV-style check of the tag),
            // MDaemon's "backscatter protection" (Sisimai's Reason::Rejected lists both)
            "unsigned dsn", "backscatter protection",
            // the From: header's domain refused ("From: domain is invalid. Please provide a valid From:", Sisimai's
            // Reason::Rejected; GoDaddy's IB506 says it with its code): the sender's, never the recipient's domain
            "from: domain", "a valid from:",
            // (issue 16, rsn2) the sender's own address called non-existent ("Sender does not exist", as Exim's
            // sender verification), and the empty reverse-path refused in other words ("Syntax error: empty email
            // address", "empty sender not allowed": RFC 5321 §4.5.5 says the null sender must be accepted), and
            // SecuMail's "Denied by SecuMail valid-address-filter", its check of the sender address (Sisimai's
            // Reason::Rejected reads all three as the envelope sender refused)
            "sender does not exist", "empty email address", "empty sender", "empty envelope sender",
            "secumail valid-address-filter",
            // (issue 16, kumo) free.fr's "501 Mail From Domain does not include a usable MX or A entry" (cited by KumoMTA's
            // community bounce rules, assets/community/bounces.toml): the MAIL FROM domain cannot receive replies, the
            // sender is refused (under 501 the reply code alone would read a syntax error)
            "does not include a usable mx",
            // the sender's domain called non-existent (iridis's relay "SND-VFY Sender domain does not exist", and such
            // replies at RCPT TO under 5.1.1): the sender's, never a hard unknown recipient domain
            "sender domain does not exist", "sender domain not found", "sender's domain does not exist",
            // (issue 16, rcv) receiving MTAs' default refusals of the envelope sender's domain: Sendmail's check_mail
            // "553 5.5.4 Domain name required for sender address X" / "Real domain name required for sender address"
            // (cf/m4/proto.m4); qmail's chkuser "sorry, your envelope sender domain must exist (#5.7.1 - chkuser)" and
            // "sorry, can't find a valid MX for sender domain (#5.1.1 - chkuser)" (chkuser 2.0 documentation, sender
            // checks); spamdyke's "Refused. The sender's domain has no mail exchanger." (spamdyke documentation,
            // reject-missing-sender-mx). Said at RCPT TO too, and quoted by relays without the command: the sender's
            // domain, never the recipient's
            "required for sender address", "envelope sender domain", "mx for sender domain", "sender's domain has no",
            // Postfix's reject_rhsbl_sender reply "Service unavailable; Sender address [X] blocked using Y" (postconf(5),
            // default_rbl_reply with $rbl_class "Sender address"): a domain list judged the sender, whatever list it is
            // (DiagnosticPhrases.listsSenderDomain keeps it a rejection beside a well-known list's name)
            "sender address [");

    private SenderRefusalTexts() {
    }

    /** The phrases, for the phrase automaton (already lower case, single blanks). */
    static List<String> phrases() {
        return PHRASES;
    }
}
