package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;

/**
 * Codes and fixed sentences with which on-premises MTAs name the reason themselves: Exchange
 * 2000/2003's X.400 diagnostic codes on the "MSEXCH:IMS:..." line, Exchange 2007+'s categorizer and
 * transport detail names ("RESOLVER.ADR.BadPrimary"), Lotus Domino's and Notes' router messages,
 * Exim's own delivery errors. Where one of them is present it decides the reason before the status
 * code does: the status such a server writes beside it is its generic class (5.2.0, 5.0.0), while
 * the code is what its documentation defines.
 *
 * <p>Each entry declares its {@link MtaFamily}, so that the leave-one-family-out evaluation switches
 * it off with the family's other rules ({@link RuleSelection}). Phrases are matched like
 * {@link DiagnosticPhrases}: lower-cased, white space collapsed; the phrase automaton finds them, and
 * only then is the list walked to tell which one it was.
 */
final class MtaReportCodes {
    private static final List<ProviderRule> CODES = List.of(
            // Exchange 2000/2003: "MSEXCH:IMS:<org>:<site>:<server> 0 (000C05A6) Unknown Recipient". The hex
            // code is the X.400 diagnostic of the Internet Mail Service (Microsoft KB 284204 "Exchange 2000 and
            // 2003 NDR codes"; the mapping to reasons as Sisimai's Lhost::Exchange2003 reads them)
            new ProviderRule(MICROSOFT, FILTERED, List.of("(000c0595)"),
                    "Microsoft KB 284204 (000C0595 ambiguous recipient); Sisimai Lhost::Exchange2003"),
            new ProviderRule(MICROSOFT, SYSTEM_ERROR, List.of("(00010256)", "(000d06b5)"),
                    "Microsoft KB 284204 (00010256 too many recipients, 000D06B5 no proxy for recipient); Sisimai Lhost::Exchange2003"),
            new ProviderRule(MICROSOFT, CONTENT_ERROR, List.of("(00050311)", "(000502cc)"),
                    "Microsoft KB 284204 (conversion to Internet format failed); Sisimai Lhost::Exchange2003"),
            new ProviderRule(MICROSOFT, SECURITY_ERROR, List.of("(000b0981)"),
                    "Microsoft KB 284204 (000B0981: 502 server does not support AUTH); Sisimai Lhost::Exchange2003"),
            // Exchange 2007-2019: "#550 5.2.0 RESOLVER.ADR.BadPrimary; ..." (Microsoft Learn, "Delivery status
            // notifications in Exchange Server"; Sisimai Lhost::Exchange2007 reads the detail name, not the status)
            new ProviderRule(MICROSOFT, SYSTEM_ERROR, List.of("resolver.adr.badprimary", "resolver.adr.invalidinsmtp",
                    "resolver.adr.ambiguous"),
                    "Microsoft Learn, DSNs in Exchange Server (5.2.0 BadPrimary, 5.1.0 InvalidInSmtp, 5.1.4 Ambiguous); "
                            + "Sisimai Lhost::Exchange2007"),
            // Exchange 2007+ categorizer: "Recipient deferred because there is no Mdb" (the mailbox database is
            // unavailable: the server's own fault, not the recipient's)
            new ProviderRule(MICROSOFT, SYSTEM_ERROR, List.of("because there is no mdb"),
                    "Microsoft Learn, Exchange Server categorizer deferral texts; Sisimai Reason::SystemError"),
            new ProviderRule(MICROSOFT, NETWORK_ERROR, List.of("smtpsend.dns.mxloopback"),
                    "Microsoft Learn, DSNs in Exchange Server (5.4.4 SMTPSEND.DNS.MxLoopback); Sisimai Lhost::Exchange2007"),
            // Lotus/HCL Domino router: "Your message ... was not delivered to: ... because: <text>"
            new ProviderRule(DOMINO, FILTERED, List.of("cannot route mail to user"),
                    "HCL Domino router delivery-failure texts; Sisimai Lhost::Domino"),
            // Lotus Notes' Japanese "Failure Reasons": "<宛先が>ディレクトリのリストにありません" ("not listed in the
            // directory", the Japanese Notes client's wording of "User not listed in public Name & Address Book")
            new ProviderRule(DOMINO, USER_UNKNOWN, List.of("ディレクトリのリストにありません"),
                    "Lotus Notes (Japanese) router failure reason; Sisimai Lhost::Notes message table"),
            // Domino's Japanese "because:" line: "ユーザー X (addr) は Domino ディレクトリには見つかりません" ("not found in
            // the Domino Directory", the English router's "User X (addr) not listed in Domino Directory")
            new ProviderRule(DOMINO, USER_UNKNOWN, List.of("domino ディレクトリには見つかりません"),
                    "HCL Domino (Japanese) router delivery-failure text; Sisimai Lhost::Domino message table"),
            new ProviderRule(DOMINO, SYSTEM_ERROR, List.of("several matches found in domino directory"),
                    "HCL Domino router delivery-failure texts (ambiguous name); Sisimai Lhost::Domino"),
            new ProviderRule(DOMINO, NETWORK_ERROR, List.of("message has exceeded maximum hop count"),
                    "HCL Notes \"Failure Reasons\" report; Sisimai Lhost::Notes"),
            // Exim deliver.c: "Too many \"Received\" headers - suspected mail loop" refuses the message for its
            // header, before any routing (Exim spec, received_headers_max; Sisimai Lhost::Exim: contenterror)
            new ProviderRule(EXIM, CONTENT_ERROR, List.of("too many \"received\" headers"),
                    "Exim deliver.c / specification (received_headers_max); Sisimai Lhost::Exim"),
            // Exim's transports refuse a message with a line longer than message_linelength_limit (default 998, RFC 5322
            // §2.1.1): "message has lines too long for transport" (Exim specification, generic transport options, 4.95+):
            // the message's form, not its recipient
            new ProviderRule(EXIM, CONTENT_ERROR, List.of("lines too long for transport"),
                    "Exim specification (message_linelength_limit)"),
            // qmail-remote.c's own sentences (qmail 1.03; Sisimai's Lhost::Qmail maps them): DNS_HARD "Sorry, I
            // couldn't find any host named X. (#5.1.2)" and DNS_SOFT "... any host by that name. (#4.1.2)" (the latter
            // stays soft by its 4.x status). ("Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)" followed
            // by "... in the queue too long" is left to the queue-lifetime phrases: expired; the MX-points-to-me
            // error carries its own #5.4.6, a routing loop.)
            new ProviderRule(QMAIL, HOST_UNKNOWN, List.of("sorry, i couldn't find any host "),
                    "qmail-remote.c (DNS_HARD / DNS_SOFT); Sisimai Lhost::Qmail"),
            // qmail-remote's answer when the remote host had no room: "452 Requested action not taken: mailbox
            // unavailable (not enough free space)"; the server's disk, not the recipient's quota
            new ProviderRule(QMAIL, SYSTEM_FULL, List.of("mailbox unavailable (not enough free space)"),
                    "RFC 5321 §4.2.3 reply 452 \"insufficient system storage\"; Sisimai Lhost::Qmail message table"),
            // qmail-ldap's own delivery errors (qmail-ldap-1.03 patch); its failures to reach the LDAP server are
            // general directory failures (DiagnosticPhrases)
            // ("error while executing qmail-forward": its forwarding program failed, #5.4.4 or #4.4.4 beside it is
            // qmail-ldap's code for that, not an unroutable domain); and a delivery program that the shell could not
            // start ("/bin/sh: ...: bad interpreter: No such file or directory", which qmail-local returns verbatim)
            new ProviderRule(QMAIL, SYSTEM_ERROR, List.of("automatic homedir creator crashed",
                    "illegal value in ldap attribute", "ldap attribute is not given but mandatory",
                    "error while executing qmail-forward", "bad interpreter: no such file or directory"),
                    "qmail-ldap-1.03 patch delivery texts; qmail-local(8) program deliveries; Sisimai Lhost::Qmail"),
            // Exim's router and transport errors (src/transports/smtp.c, routers/dnslookup.c, deliver.c)
            new ProviderRule(EXIM, HOST_UNKNOWN, List.of("all host address lookups failed permanently"),
                    "Exim transports/smtp.c; Sisimai Lhost::Exim"),
            new ProviderRule(EXIM, SYSTEM_ERROR, List.of("delivery to file forbidden", "delivery to pipe forbidden"),
                    "Exim deliver.c (file/pipe delivery not permitted by configuration); Sisimai Lhost::Exim"),
            // Exim's address parser errors (parser.c: "malformed address: X may not follow Y", "angle-brackets
            // nested too deep", "domain missing in source-routed address"): the address could not be parsed
            new ProviderRule(EXIM, SYNTAX_ERROR, List.of("malformed address:", "angle-brackets nested too deep",
                    "domain missing in source-routed address"),
                    "Exim parser.c address errors; Sisimai Lhost::Exim message table"),
            // Courier's esmtpclient.c: "This domain's DNS violates RFC 1035." (the receiver's DNS broken)
            new ProviderRule(COURIER, SYSTEM_ERROR, List.of("this domain's dns violates rfc 1035"),
                    "Courier module.esmtp/esmtpclient.c; Sisimai Lhost::Courier"),
            // OpenSMTPD's relay failure strings (smtpd/mta.c): "All routes to destination blocked" is its routing
            // table, not a block list
            new ProviderRule(OPENSMTPD, NETWORK_ERROR, List.of("network error on destination mxs",
                    "no valid route to remote mx", "no valid route to destination", "temporary failure in mx lookup",
                    "address family mismatch on destination mxs", "all routes to destination blocked"),
                    "OpenSMTPD smtpd/mta.c failstr texts; Sisimai Lhost::OpenSMTPD"),
            new ProviderRule(OPENSMTPD, SECURITY_ERROR, List.of("could not retrieve credentials"),
                    "OpenSMTPD smtpd/mta.c; Sisimai Lhost::OpenSMTPD"),
            // au by KDDI's own report ("Your mail sent on: <date>\n    Could not be delivered to: <addr>\n    As
            // the remote domain doesnt exist." / "... Due to the following SMTP relay error"): its relay names the
            // failure in these fixed sentences (Sisimai Lhost::KDDI message table)
            new ProviderRule(JAPANESE_CARRIER, HOST_UNKNOWN, List.of("as the remote domain doesnt exist"),
                    "au by KDDI report sentences; Sisimai Lhost::KDDI"),
            new ProviderRule(JAPANESE_CARRIER, NO_RELAYING, List.of("due to the following smtp relay error"),
                    "au by KDDI report sentences; Sisimai Lhost::KDDI"),
            // au EZweb's "The user(s) account is temporarily limited." (an account au has restricted, e.g. unpaid:
            // https://www.naruhodo-au.kddi.com/qa3429203.html as Sisimai's Lhost::EZweb cites it): suspend, soft
            new ProviderRule(JAPANESE_CARRIER, SUSPEND, List.of("account is temporarily limited"),
                    "au EZweb report sentences; Sisimai Lhost::EZweb"),
            // BIGLOBE's "Non-delivered information" says "Mail Delivery Failed... User unknown" when the
            // recipient's own reception filter refused the sender (Sisimai's Lhost::Biglobe reads it as
            // filtered): soft, unlike a directory's "user unknown"
            new ProviderRule(JAPANESE_CARRIER, FILTERED, List.of("mail delivery failed... user unknown"),
                    "BIGLOBE report sentences; Sisimai Lhost::Biglobe"),
            // Ipswitch IMail (X-Mailer: <SMTP32 vN>): "User mailbox exceeds allowed size: addr"
            new ProviderRule(IMAIL, MAILBOX_FULL, List.of("user mailbox exceeds allowed size"),
                    "Ipswitch IMail Server delivery-failure texts; Sisimai Lhost::IMailServer"));

    private final List<ProviderRule> on;
    private final List<String> phrases;

    MtaReportCodes(RuleSelection selection) {
        List<ProviderRule> rules = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ProviderRule r : CODES) {
            if (selection.isOn(r.family())) {
                rules.add(r);
                all.addAll(r.phrases());
            }
        }
        this.on = List.copyOf(rules);
        this.phrases = List.copyOf(all);
    }

    /** The switched-on phrases, for the phrase automaton (already lower case, single blanks). */
    List<String> phrases() {
        return phrases;
    }

    /** The code's reason and rule name, when {@code normalized} holds one of the switched-on codes. */
    Optional<ProviderRule> find(String normalized) {
        for (ProviderRule r : on) {
            for (String p : r.phrases()) {
                if (normalized.contains(p)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
