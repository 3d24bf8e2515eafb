package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Diagnostic wordings that the bounce tables of two mailing tools recognise and {@link DiagnosticPhrases} and
 * {@link ListServerWording} lacked. They join the same automaton labels (literals) and the same per-reason
 * regexes (behind their own anchors).
 *
 * <p>Learned from, read for the concept of each pattern group and never copied: CiviCRM's bounce pattern table
 * ({@code civicrm_mailing_bounce_pattern}, seeded in civicrm/civicrm-core {@code xml/templates/civicrm_data.tpl}
 * and amended by {@code CRM/Upgrade/Incremental/sql/4.3.alpha1.mysql.tpl}, {@code 4.6.alpha6.mysql.tpl}; its bounce
 * types Dns, Host, Inactive, Invalid, Loop, Quota, Relay, Spam, Syntax) and the Ruby bounce_email gem
 * ({@code lib/bounce_email.rb}, {@code get_status_from_text}: phrase → RFC 3463 status). Their types were mapped
 * to ours by what the wording says, with our caution where theirs differs: CiviCRM's "Inactive" (held after one
 * bounce) is {@code suspend}, soft; its "Host" and "Relay" are split by wording into relaying, network faults
 * and the client's missing name; its "Spam" into the policy, the recipient's filter and the spam verdict; its
 * "Dns" is {@code hostunknown} only where the text says the domain has no records. Each group names its type.
 * bounce_email's auto-reply subjects are read in {@code parse.AutoReplies}.
 */
final class MailingToolWording {
    private MailingToolWording() {
    }

    /**
     * The name service's answer that a domain or host has no records ("No matches to nameserver query for
     * example.org", "no DNS entries for this domain", "no mail server for domain example.org"; CiviCRM "Dns"),
     * said of a domain or a host name, never of the client's address (the reverse lookup: requireptr) nor of the
     * sender's domain.
     */
    private static final Pattern NO_RECORDS_FOR_DOMAIN = Pattern.compile("\\bno (?:mail servers?|dns (?:entr(?:y|ies)"
            + "|records?)|name ?server entr(?:y|ies)|matches to name ?server query) (?:found )?for (?:the |this )?"
            + "(?:domain\\b|host\\b|[a-z0-9-]+\\.[a-z0-9.-]*[a-z]\\b)(?![^.;]{0,12}\\bsender\\b)");

    /** Whether {@code normalized} says the domain has no records at all (an answer, not a failing lookup). */
    static boolean saysDomainHasNoRecords(String normalized) {
        return (normalized.contains("no ") && (normalized.contains("server") || normalized.contains("dns")))
                && NO_RECORDS_FOR_DOMAIN.matcher(normalized).find();
    }

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        // bounce_email's 5.3.2/4.3.2 group ("Connection was dropped by remote host", "Could not initiate SMTP
        // conversation"): the SMTP session broke off or never began, soft. CiviCRM's "unable to connect" is left to
        // the queue's verdict: a connection that failed until the sender gave up is expired (DeliveryPeriodElapsed)
        m.put(NETWORK_ERROR, List.of("connection was dropped", "connection dropped", "could not initiate smtp conversation",
                // CiviCRM "Dns" ("name lookup failure"): the resolver failed, which is no answer about the domain
                "name lookup failure"));
        // bounce_email's subject rule 98 "(unzulässiger|unerlaubter) anhang" (German: an attachment not allowed) and
        // CiviCRM "Spam" ("content control"): the receiver's policy on content, soft
        m.put(POLICY_VIOLATION, List.of("unzulässiger anhang", "unerlaubter anhang", "content control"));
        // CiviCRM "Spam" ("bulk( e-?mail) filters?"): a filter for bulk mail, which is the spam verdict (SpamVerdicts)
        m.put(SPAM_DETECTED, List.of("bulk email filter", "bulk e-mail filter", "bulk mail filter"));
        // CiviCRM's upgrade patterns "Dropped: Bounced Address" (type Invalid) and "Dropped: Unsubscribed Address":
        // SendGrid's reasons for a "dropped" event, an address on the sender's own suppression list, not tried
        m.put(SUPPRESSED, List.of("dropped: bounced address", "dropped: unsubscribed address"));
        // CiviCRM "Syntax" ("nonstandard smtp line terminator": qmail-smtpd's 451 for a bare LF, pointing to
        // cr.yp.to's smtplf page; RFC 5321 §2.3.8 allows only CRLF): the SMTP transaction's form, soft
        m.put(SYNTAX_ERROR, List.of("smtp line terminator", "smtplf.html", "bare lf", "bare linefeed"));
        return m;
    }

    /** For each reason with {@link #patterns()}: words at least one of which every match contains. */
    static Map<BounceReason, List<String>> patternAnchors() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of("could not be found", "registered", "not listed in"));
        m.put(HOST_UNKNOWN, List.of("no mail server", "no dns ", "nameserver", "name server"));
        m.put(SUSPEND, List.of("administrativ", "no longer accept", "no longer on staff", "no longer on our staff",
                "no longer on the staff", "no longer employed", "no longer with",
                "no longer work", "no longer using"));
        m.put(NO_RELAYING, List.of("relay"));
        m.put(REQUIRE_PTR, List.of("must resolve"));
        m.put(FILTERED, List.of("not allowed", "not authori", "not permitted", "filter", "rule"));
        m.put(POLICY_VIOLATION, List.of("conform", "comply", "attachment"));
        m.put(NETWORK_ERROR, List.of("connection refused", "connection timed out"));
        return m;
    }

    static Map<BounceReason, List<Pattern>> patterns() {
        Map<BounceReason, List<Pattern>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of(
                // CiviCRM "Invalid" ("address(es)? could not be found"): the addressee looked up and not found; a
                // host or a DNS record that could not be found is another matter
                Pattern.compile("\\b(?:address(?:es)?|recipients?|users?|mailbox(?:es)?|addressees?)\\b[^.;]{0,20}\\bcould not be found\\b"),
                // CiviCRM "Invalid" ("no e-?mail address registered", "unregistered address"): no such address on file
                Pattern.compile("\\b(?:no (?:e-?mail )?(?:address|user|account|mailbox) (?:is )?registered|unregistered (?:e-?mail )?(?:address|user|recipient|mailbox|account))\\b"),
                // CiviCRM "Invalid" ("not listed in", "not present in directory entry"): Lotus Domino's "<address> not
                // listed in Domino Directory", the directory of its users; a block list is listed in, not "directory"
                Pattern.compile("\\bnot (?:listed|present) in (?:the )?(?:domino |ldap |user )?directory\\b")));
        m.put(HOST_UNKNOWN, List.of(
                // CiviCRM "Dns" ("no (mail server|matches to nameserver query|dns entries)", "nameserver entry"): the
                // name service answered that the domain has nothing, said of a domain or a host name, never of the
                // client's address (that is the reverse lookup: requireptr) nor of the sender's domain
                NO_RECORDS_FOR_DOMAIN));
        m.put(SUSPEND, List.of(
                // CiviCRM "Inactive" ("mail( ?)address is administrative?ly disabled", its own misspelling allowed):
                // an administrator switched the mailbox off; it exists, soft
                Pattern.compile("\\badministrativ\\w{0,5} (?:disabled|locked|suspended|deactivated|blocked)\\b"),
                // CiviCRM "Inactive" ("this address no longer accepts mail"; Sisimai's Reason::Suspend lists the same
                // sentence): a mailbox that stopped taking mail, not a domain that takes none (notaccept, RFC 7505)
                Pattern.compile("\\b(?:address|mailbox|account|user|recipient)\\b[^.;]{0,20}\\bno longer accepts? (?:mail|messages|e-?mail)\\b"),
                // CiviCRM "Inactive" ("no longer (employed|on staff|works for|with|using this account)"): the person
                // left; the mailbox may still exist and nothing says the address is invalid, so soft. Its "no longer
                // on server" is left out: Apple's 5.1.6 "recipient no longer on server" is hasmoved (Sisimai's
                // Rhost::Apple), and so is an address itself "no longer" in use (DiagnosticPhrases)
                Pattern.compile("\\b(?:user|recipient|person|employee|addressee)\\b[^.;]{0,20}\\bno longer (?:on (?:the |our )?staff\\b"
                        + "|employed\\b|with (?:the |our |this )?(?:company|organi[sz]ation|firm)|works? (?:for|at|here)"
                        + "|using (?:this|that|the) (?:account|address|mailbox))")));
        m.put(NO_RELAYING, List.of(
                // CiviCRM "Relay" ("not configured to relay mail", "relayed mail to .+? not allowed"): the server
                // refuses to pass mail on for a domain it does not serve, in the words the relay family lacked
                Pattern.compile("\\bnot (?:configured|set up|authori[sz]ed) to relay\\b"),
                Pattern.compile("\\brelayed (?:mail|messages?)\\b[^;]{0,80}?\\bnot (?:allowed|permitted)\\b")));
        m.put(REQUIRE_PTR, List.of(
                // CiviCRM "Relay" ("sender ip must resolve"): the connecting address must have a name (a PTR record)
                Pattern.compile("\\b(?:ip|ip address|client|host|address)\\b[^.;]{0,20}\\bmust resolve\\b")));
        m.put(FILTERED, List.of(
                // CiviCRM "Invalid" ("mail delivery to this user is not allowed") and "Spam" ("delivery not
                // authorized"): delivery to this recipient refused by the recipient's side, soft (Sisimai's
                // Reason::Filtered lists "delivery not authorized, message refused"); relaying is not this
                Pattern.compile("\\bdelivery (?:to (?:this|the) (?:user|recipient|mailbox|address) )?(?:is )?not (?:allowed|authori[sz]ed|permitted)\\b"),
                // CiviCRM "Spam" ("blocked by a user configured filter"): the recipient's own filter or rules
                Pattern.compile("\\b(?:user|recipient)[- ](?:configured|defined|created|set) (?:mail )?(?:filter|rule)s?\\b")));
        m.put(POLICY_VIOLATION, List.of(
                // CiviCRM "Spam" ("does not conform to our e-?mail policy"): the message measured against the
                // receiver's policy, soft
                Pattern.compile("\\b(?:does not|doesn't|did not|fails to) (?:conform|comply) (?:to|with)\\b[^.;]{0,30}\\bpolic(?:y|ies)\\b"),
                // CiviCRM "Spam" ("attachment blocking filter") and bounce_email's "Not allowed Attachment": an
                // attachment refused by the receiver's rules
                Pattern.compile("\\battachments? (?:blocking|filter|not allowed|prohibited|type not allowed)\\b")));
        m.put(NETWORK_ERROR, List.of(
                // CiviCRM "Host" ("connection (refused|timed out)"), in the form an MTA reports its own connect
                // attempt (Postfix's "connect to host[ip]:25: Connection refused"): the TCP connection failed, soft.
                // A bare "connection refused" is left alone: receivers write it for refusing a client (blocked)
                Pattern.compile("\\bconnect(?:ion|ing)? to\\b[^;]{1,80}?\\bconnection (?:refused|timed out)\\b")));
        return m;
    }
}
