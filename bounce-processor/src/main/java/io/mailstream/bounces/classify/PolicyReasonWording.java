package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Wording families of the policy-side reasons (the message, its sender's authentication, the
 * sending host or its reputation judged; all soft) that {@link DiagnosticPhrases} lacked. They join
 * the same automaton labels, like {@link LocalizedPhrases}: one pass, no regex.
 *
 * <p>Each group is the general idea behind several wordings that Sisimai's per-reason modules
 * ({@code lib/Sisimai/Reason/*.pm}, go-sisimai {@code reason/why-*.go}) define as that reason,
 * written as the concept so it also matches wordings those lists lack; no phrase list was copied.
 * The group comment names the module and, where one exists, the RFC or product.
 */
final class PolicyReasonWording {
    private PolicyReasonWording() {
    }

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        // Sisimai Reason::AuthFailure ("rejected due to SPF, DKIM, DMARC failure"): an SPF result said to
        // have failed in the form RFC 7208 §9.1's Received-SPF writes it ("spf check: fail", "spf: fail"),
        // a sender's SPF record called bad or its settings to inspect, the SPF project's own explanation
        // page (spf.pobox.com/why) cited, and Microsoft's "doesn't meet the authentication requirements"
        // (5322.From authentication, Exchange Online 5.7.509-5.7.515). Advice to set up SPF is not one
        m.put(AUTH_FAILURE, List.of(
                "spf check: fail", "spf: fail", "spf check fail", "bad spf record", "invalid spf record",
                "spf settings", "spf.pobox.com/why", "authentication requirements"));
        // Sisimai Reason::BadReputation: a reputation the receiver keeps on the sending IP or domain, named
        // by what it is (a score, a problem)
        m.put(BAD_REPUTATION, List.of(
                "reputation score", "reputation problem", "email reputation", "domain reputation"));
        // Sisimai Reason::Blocked ("rejected due to client IP address or a hostname"): the sending IP's
        // profile or standing judged ("bad IP profile", "listed as abusive", "invalid IP for sending",
        // "your access IP ... rejected"), the sending MTA itself failing validation
        m.put(BLOCKED, List.of(
                "ip profile", "listed as abusive", "invalid ip for sending", "access ip", "the sending mta"));
        // Sisimai Reason::ContentError ("rejected due to a header format of the email"; RFC 3463 X.6.x media
        // errors): the MIME structure or transfer encoding found malformed or too complex
        m.put(CONTENT_ERROR, List.of(
                "mime complexity", "improperly-formatted", "improperly formatted", "unnecessary base64",
                "invalid mime", "header size,"));
        // Sisimai Reason::NotCompliantRFC (RFC 5322 §3.6's limits on how often a field may occur): a header
        // field that occurs more than once where the RFC allows one
        m.put(NOT_COMPLIANT_RFC, List.of(
                "duplicate header", "multiple subject", "multiple message-id",
                "multiple date", "multiple to header", "multiple sender"));
        // Sisimai Reason::Filtered: the recipient refusing to receive, or accepting mail only from senders it chose
        m.put(FILTERED, List.of(
                "refuse to receive", "only accepting mail from", "only accepts mail from", "only accept mail from",
                // "user reject(s/ed)": the recipient's own rule; FILTERED is never read at RCPT TO (UserUnknownRules)
                "user reject"));
        // Sisimai Reason::PolicyViolation: the receiving organisation's own rules ("organizational settings",
        // "organization policy"), a mass mailer refused, a challenge (captcha) not solved; a recipient not
        // accepting mail *with* something (attachments, images) refuses that content, not all mail
        m.put(POLICY_VIOLATION, List.of(
                "organizational settings", "organisational settings", "organization policy",
                "organisation policy", "organization's policy", "mass mailer", "captcha",
                "not accepting mail with", "not accept messages containing", "do not accept messages with"));
        // Sisimai Reason::RequirePTR: the PTR record called bad or generic, the forward entry not pointing back
        // (RFC 1912 §2.1), the client's relay name unresolvable
        m.put(REQUIRE_PTR, List.of(
                "dns ptr", "ptr-record", "forward dns", "unresolvable relay host"));
        // Sisimai Reason::SpamDetected: the receiver's own filter or score said so ("blocked by our filter",
        // "mail score ... over"), content called unacceptable, Cyren/Commtouch's Recurrent Pattern Detection
        m.put(SPAM_DETECTED, List.of(
                "by our filter", "mail score", "unacceptable content", "recurrent pattern detection",
                // MailMarshal's (now Trustwave SEG's) anti-spam engine signs its refusals with its layer's name:
                // SpamProfiler is its spam-signature layer (Marshal, "MailMarshal SMTP anti-spam",
                // http://www.marshal.com/products/mailmarshal-smtp/anti-spam.asp; issue 16, rsn2)
                "spamprofiler"));
        // Sisimai Reason::FailedSTARTTLS: "encryption needed" (reply 523 in its true())
        m.put(FAILED_STARTTLS, List.of("encryption needed"));
        // Sisimai Reason::SecurityError: SMTP authentication required or invalid, said in French by
        // Orange / La Poste style servers ("authentification requise", "authentification invalide")
        m.put(SECURITY_ERROR, List.of(
                "authentification requise", "authentification invalide", "authentification obligatoire",
                "authentication turned on"));
        // Sisimai Reason::Rejected: the envelope sender refused in French ("émetteur invalide", "expéditeur
        // invalide"), the sender called a spammer or its address (not an IP) blacklisted, and a list that
        // takes posts from members only refusing a non-member's (as the group refusals in DiagnosticPhrases)
        m.put(REJECTED, List.of(
                "emetteur invalide", "émetteur invalide", "expediteur invalide", "expéditeur invalide",
                "sender blacklisted", "sender is spammer", "sender is a spammer", "address that has been blacklisted",
                "by non-member", "members-only list", "members only list",
                // (issue 16, rsn2) the sender using an address that is not its own: Exchange's "Client does not have
                // permission to send as this sender" (Exchange transport API, SmtpResponse.SendAsDenied,
                // https://learn.microsoft.com/en-us/previous-versions/office/developer/exchange-server-2007/aa494038(v=exchg.80);
                // Exchange Online writes it under 5.7.60), Outlook's
                // "Send As" option, a MAIL FROM "not owned by" the authenticated user (Sisimai's Reason::Rejected
                // names the concept); the address refused, not the client
                "permissions to send as", "permission to send as", "send as permission", "'send as'", "\"send as\"",
                "not owned by user", "different address or alias",
                // (issue 16, rsn2) a list or group refusing a poster who is not subscribed, read as the members-only
                // refusals above: Sisimai's Reason::Rejected ("by non-member to a members-only list") and
                // Reason::PolicyViolation ("closed mailing list", Google Groups' "is not subscribed to this group")
                // disagree; the sender's right to post is what was judged, so one reading for all of them
                "closed mailing list", "not subscribed to this group", "not subscribed to this list"));
        return m;
    }

    /**
     * "not accepting mail with attachments", "do not accept messages containing images": the content is
     * refused, not all mail, so it is no RFC 7505 null MX (hard {@code notaccept}) but the receiver's
     * policy (Sisimai's Reason::PolicyViolation, AOL's "recipient is not accepting mail with ...").
     */
    static boolean refusesContent(String normalized) {
        return normalized.contains("not accepting mail with") || normalized.contains("not accept messages containing")
                || normalized.contains("not accept messages with") || normalized.contains("not accept mail with");
    }
}
