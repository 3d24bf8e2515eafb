package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.mailstream.bounces.BounceReason.*;

/**
 * What content filters, policy daemons and small MTAs write when they refuse (issue 16, flt). Many refusals
 * quoted in bounces are not the MTA's own: a filter or policy service plugged into it (a Postfix policy
 * server, a milter, a Haraka plugin) fixed the text, and each text names one verdict. The families join the
 * reasons' automaton labels, like {@link PolicyReasonWording}: one pass, no regex.
 *
 * <p>Each group is the concept behind the replies of several such programs, read from their source and
 * documentation (never from sample messages); the group comment names the program and file. A filter's
 * refusal is soft unless it says the address does not exist, which none of these do.
 */
final class FilterReplyWording {
    private FilterReplyWording() {
    }

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        // Greylisting (RFC 6647): a first delivery attempt from an unknown client/sender/recipient triplet is
        // deferred on purpose. It judges the connecting client (the triplet's first element, or its network),
        // never the address, and is always a 4xx: read with the client's refusals (blocked, soft), as the
        // "Greylisted, try again after some time" of Zoho is. The word is the daemons' own: postgrey's default
        // reply "Greylisted, see http://postgrey.schweikert.ch/help/<domain>.html" (schweikert/postgrey,
        // postgrey --greylist-text), sqlgrey's "Greylisted for N minutes", milter-greylist's "Greylisting in
        // action", Haraka's plugins/greylist.js (DENYSOFT, 451 4.7.1); both spellings, with and without hyphen
        m.put(BLOCKED, List.of(
                "greylist", "graylist", "grey-list", "gray-list", "grey list", "gray list",
                // the client judged by its HELO/EHLO argument (RFC 5321 §4.1.1.1), quoted without the command:
                // Haraka's plugins/helo.checks.js names "HELO host" in each of its refusals (not a FQDN, looks
                // dynamic, fails forward DNS, invalid), Postfix's "Helo command rejected" names the command
                "helo host", "helo hostname", "helo name", "invalid helo", "bad helo",
                // the client spoke before the greeting (RFC 5321 §4.3.1 lets it speak only after): Haraka's
                // plugins/early_talker.js answers "You talk too soon"
                "talk too soon", "talking too soon", "talked too soon"));
        // A reputation score the receiver keeps on the connecting host: Haraka's plugins/karma.js (haraka-plugin-
        // karma) scores each connection from its history and refuses on "karma" ("very bad karma score"); the
        // word names nothing else in a mail refusal
        m.put(BAD_REPUTATION, List.of("karma"));
        // An attachment refused by its type or name (the content's form, not a virus): Amavis's "banned" content
        // category (amavisd-new, $final_banned_destiny, "BANNED: ..."), MIMEDefang's filename/type checks
        // (mimedefang-filter(5): bad_filename), Haraka's plugins/attachment.js, ASSP's "Bad attachment type",
        // MailScanner's "Dangerous Content" scanning (filename/filetype rules), Proxmox Mail Gateway's attachment
        // rules: the receiver's policy, soft
        m.put(POLICY_VIOLATION, List.of(
                "unacceptable attachment", "blocked attachment", "attachment type", "attachment of type",
                "attachments are not allowed", "attachment not allowed", "banned file", "banned content",
                "dangerous content", "file type not allowed", "filetype not allowed", "file type is not allowed"));
        // A header field the message must carry is missing (RFC 5322 §3.6: Date and From are required; Haraka's
        // plugins/data.headers.js "Required header ... missing")
        m.put(NOT_COMPLIANT_RFC, List.of("required header", "header missing", "missing header", "header is missing"));
        // A null reverse-path (RFC 5321 §4.5.5) refused: Haraka's plugins/mail_from.nobounces.js ("No bounces
        // accepted here"); the sender is what was judged
        // (and qmail-deliverable's answer for a list, relayed by haraka-plugin-qmail-deliverable: "mailing lists do
        // not accept null senders")
        m.put(REJECTED, List.of("no bounces accepted", "bounces are not accepted", "bounces not accepted", "null sender"));
        // Haraka's default answer to a RCPT TO that no rcpt_to.* plugin accepted (the domain is not one it
        // serves and the client may not relay): "I cannot deliver mail for <address>" (Haraka connection.js)
        m.put(NO_RELAYING, List.of("i cannot deliver mail for <"));
        // The SPF project's explanation page cited by the SPF policy services: pypolicyd-spf's "Please see
        // http://www.openspf.net/Why?s=mfrom;id=..." and the Perl postfix-policyd-spf's
        // "http://www.openspf.org/why.html?sender=..." (as spf.pobox.com/why in PolicyReasonWording)
        // (open-spf.org is the project's later address, cited the same way by Exim ACLs' SPF refusals)
        m.put(AUTH_FAILURE, List.of("openspf.net/why", "openspf.org/why", "open-spf.org/why"));
        // The sending MTA itself could not start a required TLS session: Exim's smtp transport writes "a TLS
        // session is required, but the server did not offer TLS support" / "... but an attempt to start TLS
        // failed" (Exim spec, smtp transport, hosts_require_tls), as Postfix's "TLS is required, but was not
        // offered" (postconf(5) smtp_tls_security_level)
        m.put(FAILED_STARTTLS, List.of("tls session is required"));
        // A content scanner that failed to run, said without a verdict beside it (Haraka's plugins/clamd.js
        // "Virus scanner error" / "... timed out", Amavis's "spam_scan FAILED"): the receiving system's error.
        // Where a virus or spam word is there too, ContentScannerReplies.scannerFailed decides
        m.put(SYSTEM_ERROR, ContentScannerReplies.SCANNER_FAILED);
        return m;
    }
}
