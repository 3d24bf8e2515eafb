package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.ArrayList;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Providers' own error codes (Outlook.com's SC-/DY-/OU-/RP- codes, Yahoo's [TSxx] tags, Spectrum's
 * and Cox's {@code AUP#} codes ...) and the few texts that only one provider writes with one
 * documented meaning. Such a code names the provider's verdict more precisely than any wording around
 * it: Outlook.com writes "Mail rejected ... for policy reasons" beside every SC- and DY- code, Spectrum
 * writes "sender rejected" beside its connection limits. So these rules are decisive
 * ({@link ProviderRule#decisive()}): found in a reply, they decide its reason before the general phrase
 * families, the SMTP stage or the status code are weighed. Each rule declares its family, so the
 * leave-one-family-out evaluation switches it off with the family's other rules.
 *
 * <p>Each meaning is read from the provider's own page, mapped onto the nearest reason of the
 * (Sisimai) taxonomy; where the page leaves the reason open, how Sisimai's {@code Rhost::*} modules
 * read the same code is cited. No sample bounce was used to write them.
 */
final class ProviderCodeRules {
    private ProviderCodeRules() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    /**
     * Spectrum (Charter, Road Runner) appends {@code AUP#I-NNNN} (mail to Spectrum) or
     * {@code AUP#O-NNNN} (mail from its customers), also written {@code AUP#In-NNNN}, {@code AUP#NNNN};
     * the numbers go in tens within each documented range.
     */
    private static List<String> spectrum(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int n = from; n <= to; n += 10) {
            for (String way : List.of("", "i-", "in-", "o-", "on-", "out-")) {
                out.add("aup#" + way + n);
            }
        }
        return out;
    }

    private static final String OUTLOOK_COM = "Outlook.com postmaster, \"Troubleshooting\": "
            + "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx";
    private static final String EXCHANGE_ONLINE = "learn.microsoft.com, \"Email non-delivery reports and SMTP errors in "
            + "Exchange Online\" (non-delivery-reports-in-exchange-online)";
    private static final String YAHOO = "Yahoo sender hub, \"SMTP error codes\": https://senders.yahooinc.com/smtp-error-codes/";
    private static final String AOL_ERRORS = "AOL postmaster, \"List of Errors\": http://postmaster.info.aol.com/errors/";
    private static final String SPECTRUM = "Spectrum, \"Understanding email error codes\": "
            + "https://www.spectrum.net/support/internet/understanding-email-error-codes";
    private static final String COX = "Cox, \"Email error codes\": https://www.cox.com/residential/support/email-error-codes.html";
    private static final String MIMECAST_CODES = "Mimecast, \"Mimecast SMTP Error Codes\": "
            + "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754";
    private static final String GMAIL = "Google, \"Gmail SMTP errors and codes\": https://support.google.com/a/answer/3726730";
    private static final String TENCENT_HELP = "Tencent QQ Mail help, https://service.mail.qq.com/detail/122";
    private static final String GODADDY_HELP = "GoDaddy help, \"What does my email bounceback mean?\": "
            + "https://www.godaddy.com/help/what-does-my-email-bounceback-mean-3568";
    private static final String NETEASE_HELP = "NetEase mail help, http://mail.163.com/help/help_spam_16.htm";
    private static final String ICLOUD = "Apple, \"Postmaster information for iCloud Mail\": https://support.apple.com/en-us/102322";
    private static final String YANDEX_HELP = "Yandex Mail help, \"Report on non-delivery to Yandex\": "
            + "https://yandex.com/support/mail/bounces/yandex.html";

    private static final List<ProviderRule> RULES = List.of(
            // Outlook.com (consumer): SC-001..SC-004 (reputation, namespace mining, open proxy, complaints) and
            // DY-001/DY-002 (dynamic or compromised IP) refuse the connecting IP; OU-001/OU-002 refuse mail "for
            // policy reasons" on IP/domain reputation. All judge the sending host: blocked, soft
            // (each code right after the reply code, as the reply writes it: "corp-001" in a host name is no RP-001)
            code(MICROSOFT, BLOCKED, afterReplyCode("sc-001", "sc-002", "sc-003", "sc-004", "dy-001", "dy-002",
                    "ou-001", "ou-002"), OUTLOOK_COM + " (SC-00x, DY-00x, OU-00x)"),
            // RP-001 / RP-002: the IP exceeded its message rate (per hour, per day, per connection)
            code(MICROSOFT, SPEEDING, afterReplyCode("rp-001", "rp-002"), OUTLOOK_COM + " (RP-001, RP-002 rate limits)"),
            // RP-003: the IP exceeded the connection limit
            code(MICROSOFT, TOO_MANY_CONN, afterReplyCode("rp-003"), OUTLOOK_COM + " (RP-003 connection limit)"),
            // Exchange writes what its own connection attempt met as a reply of its own: "Primary target IP address
            // responded with: "421 4.4.0 Unable to connect."" (no SMTP server ever answered). RFC 3463 X.4.x network
            // and routing: the destination was unreachable, not a verdict on the sender (the "IP address" named is
            // the target's, and the general phrases would read it as a blocked client)
            code(MICROSOFT, NETWORK_ERROR, List.of("421 4.4.0 unable to connect"), EXCHANGE_ONLINE
                    + " (4.4.x network; the neighbouring 4.4.316 \"Connection refused\" Sisimai's Rhost::Microsoft reads as "
                    + "networkerror)"),
            // 5.7.750: the tenant sends from domains it never registered; 5.7.501-503: the sending account was
            // banned for spam. Both judge the sender, not its host or the recipient: rejected
            code(MICROSOFT, REJECTED, List.of("client blocked from sending from unregistered domains",
                    "access denied, spam abuse detected"), EXCHANGE_ONLINE + " (5.7.750, 5.7.501-503)"),
            // 5.7.12 / 5.7.133-136: the recipient (organisation, group, mailbox, public folder) accepts only
            // authenticated internal senders; the refusal is of the sender as such (Sisimai: rejected)
            code(MICROSOFT, REJECTED, List.of("sender was not authenticated by organization",
                    "resolver.rst.sendernotauthenticatedforgroup", "resolver.rst.sendernotauthenticatedformailbox",
                    "resolver.rst.sendernotauthenticatedforpublicfolder", "resolver.rst.authrequired"),
                    EXCHANGE_ONLINE + " (5.7.12, 5.7.133-136)"),
            // 5.7.124: the sender is not on the group's allowed-senders list (Sisimai: rejected, like 5.7.133-136)
            code(MICROSOFT, REJECTED, List.of("sender not in allowed-senders list", "resolver.rst.sendernotinallowedsenderslist"),
                    EXCHANGE_ONLINE + " (5.7.124)"),
            // 5.2.2 "Submission quota exceeded" and 5.1.90 "daily limit for message recipients": the sending account's
            // rate limits, not a full mailbox (whatever X.2.2 says); 5.7.508: an IPv6 range sent too much too fast
            code(MICROSOFT, SPEEDING, List.of("submission quota exceeded", "daily limit for message recipients",
                    "has exceeded permitted limits within"), EXCHANGE_ONLINE + " (5.2.2 submission quota, 5.1.90, 5.7.508)"),
            // 4.4.318 / 5.4.318 "(SuspiciousRemoteServerError)": the remote server closed the connection abruptly; a
            // fault on the remote side, not a spam verdict (Sisimai Rhost::Microsoft: systemerror)
            code(MICROSOFT, SYSTEM_ERROR, List.of("(suspiciousremoteservererror)"),
                    "Sisimai Rhost::Microsoft (4.4.318 / 5.4.318 SuspiciousRemoteServerError, undocumented by Microsoft)"),
            // 5.7.510: the recipient refuses mail over IPv6 (a verdict on how we connect, not a null MX)
            code(MICROSOFT, BLOCKED, List.of("does not accept email over ipv6"), EXCHANGE_ONLINE + " (5.7.510)"),

            // Yahoo / AOL. "dd This user doesn't have a ... account" is Yahoo's "no such user", also when it is
            // said at the end of DATA, where Yahoo checks its recipients (help.yahoo.com SLN3444); AOL's "552 1
            // Requested mail action aborted, mailbox not found" the same
            code(YAHOO_AOL, USER_UNKNOWN, List.of("dd this user doesn't have a", "this user doesn't have a yahoo",
                    "requested mail action aborted, mailbox not found"),
                    "https://help.yahoo.com/kb/SLN3444.html (554 delivery error: dd This user doesn't have a ... account); "
                            + YAHOO),
            // AOL's own codes (its postmaster "List of Errors", one page per code): RTR:BB / RTR:DU dynamic or
            // residential IP, RTR:CH a compromised network, RTR:BG an unallocated IP, RTR:RD an rDNS typical of
            // dynamic IPs, RLY:B1..B3 automatic blocks on member complaints, DYN:T1 a temporary block of the IP:
            // the sending host is judged. HVU:B1: the message carries a URL or content AOL refuses
            code(YAHOO_AOL, BLOCKED, List.of("rtr:bb", "rtr:du", "rtr:ch", "rtr:bg", "rtr:rd", "rly:b1", "rly:b2",
                    "rly:b3", "dyn:t1"), AOL_ERRORS + " (RTR, RLY and DYN blocks)"),
            code(YAHOO_AOL, SPAM_DETECTED, List.of("hvu:b1"), AOL_ERRORS + " (554 HVU:B1)"),
            // [TS01]/[TS02] (legacy): messages from the IP deferred for user complaints: the host is judged, blocked
            code(YAHOO_AOL, BLOCKED, List.of("[ts01]", "[ts02]"), YAHOO + " ([TS01], [TS02])"),
            // ([TSS04] "temporarily deferred due to unexpected volume or user complaints" needs no rule: the general
            // "user complaints" reads it as badreputation, as the page words it; Sisimai's Rhost::YahooInc reads it
            // as rejected since 2024, and the corpus labels it both ways)
            // [TSS09]/[TSS11] "will be permanently deferred; retrying will NOT succeed": Yahoo's standing verdict on
            // the sender's mail stream (authentication, domain and IP reputation together, per the page), read as
            // rejected by Sisimai's Rhost::YahooInc; not a queue expiry, whatever "deferred" suggests. An
            // unresolvable RFC5321.MailFrom domain is the sender's too
            code(YAHOO_AOL, REJECTED, List.of("[tss09]", "[tss11]", "will be permanently deferred",
                    "due to unresolvable rfc.5321"),
                    YAHOO + " ([TSS09], [TSS11], unresolvable-from-domain); Sisimai Rhost::YahooInc"),
            code(YAHOO_AOL, AUTH_FAILURE, List.of("yahoo requires all senders to authenticate"),
                    YAHOO + " (550 5.7.9 the sender is unauthenticated)"),
            code(YAHOO_AOL, TOO_MANY_CONN, List.of("max message per connection reached"),
                    YAHOO + " (421 Max message per connection reached)"),

            // Spectrum: AUP# codes, by the documented ranges
            code(US_CABLE_ISP, BLOCKED, concat(spectrum(1000, 1000), spectrum(1200, 1250)),
                    SPECTRUM + " (1000 IP blocked; 1200-1210 Cloudmark CSI; 1220-1250 Spamhaus)"),
            code(US_CABLE_ISP, REJECTED, concat(spectrum(1010, 1080), spectrum(1500, 1520)),
                    SPECTRUM + " (1010-1080 sending account blocked or limited; 1500/1520 sending as another address)"),
            code(US_CABLE_ISP, SYSTEM_ERROR, spectrum(1090, 1090), SPECTRUM + " (1090 cannot be processed, try later)"),
            code(US_CABLE_ISP, REQUIRE_PTR, spectrum(1100, 1150), SPECTRUM + " (1100-1150 DNS, full-circle reverse DNS)"),
            code(US_CABLE_ISP, POLICY_VIOLATION, concat(spectrum(1160, 1190), spectrum(1560, 1560)),
                    SPECTRUM + " (1160-1190 against the domain's security policies; 1560 too many invalid recipients)"),
            code(US_CABLE_ISP, NETWORK_ERROR, spectrum(1260, 1260), SPECTRUM + " (1260 no IPv6)"),
            code(US_CABLE_ISP, TOO_MANY_CONN, spectrum(1300, 1340), SPECTRUM + " (1300-1340 concurrent and total connections)"),
            code(US_CABLE_ISP, SPEEDING, concat(spectrum(1350, 1490), spectrum(1540, 1550), spectrum(1580, 1580)),
                    SPECTRUM + " (1350-1490 message and recipient limits; 1540, 1550, 1580 per session and per period)"),
            code(US_CABLE_ISP, MESG_TOO_BIG, spectrum(1530, 1530), SPECTRUM + " (1530 over 20 MB)"),
            // Cox: AUP#CXxxx, AUP#IPBLxxxx, AUP#URLBLxxx
            code(US_CABLE_ISP, BLOCKED, List.of("aup#cxbl", "aup#cdrbl", "aup#ipbl"),
                    COX + " (CXBL, CDRBL: the IP blocked for spam-like behaviour; IPBLnnnn: the IP on DNS block lists)"),
            code(US_CABLE_ISP, REQUIRE_PTR, List.of("aup#cxdns"), COX + " (CXDNS: reverse DNS of the IP fails)"),
            code(US_CABLE_ISP, AUTH_FAILURE, List.of("aup#cxsndr"), COX + " (CXSNDR: SPF/DKIM checks of the sending domain failed)"),
            code(US_CABLE_ISP, TOO_MANY_CONN, List.of("aup#cxcnct"), COX + " (CXCNCT: concurrent connections per IP)"),
            code(US_CABLE_ISP, SPEEDING, List.of("aup#cxmxrt"), COX + " (CXMXRT: too many recipients, wait before sending more)"),
            code(US_CABLE_ISP, SPAM_DETECTED, List.of("aup#urlbl"), COX + " (URLBLnnn: a URL of the body on block lists)"),

            // Yandex: "No such user!" is its "non-existing address" (said under 5.7.1, which would otherwise read
            // as a policy refusal); "Policy rejection on the target address" is a recipient account blocked for
            // breaking the user agreement (suspend)
            code(YANDEX, USER_UNKNOWN, List.of("no such user!"), YANDEX_HELP + " (No such user: a non-existing address)"),
            code(YANDEX, SUSPEND, List.of("policy rejection on the target address"),
                    YANDEX_HELP + " (the recipient's account has been blocked)"),

            // Mimecast: each reply text stands for one documented cause
            code(MIMECAST, AUTH_FAILURE, List.of("spf sender invalid - envelope rejected", "dkim sender invalid - envelope rejected",
                    "dmarc sender invalid - envelope rejected"), MIMECAST_CODES + " (SPF / DKIM / DMARC sender invalid)"),
            code(MIMECAST, MESG_TOO_BIG, List.of("maximum email size exceeded"), MIMECAST_CODES + " (554 Maximum email size exceeded)"),
            code(MIMECAST, POLICY_VIOLATION, List.of("anti-spoofing policy - inbound not allowed",
                    "message bounced due to content examination policy"),
                    MIMECAST_CODES + " (550 Anti-Spoofing policy; Content Examination policy)"),
            code(MIMECAST, TOO_MANY_CONN, List.of("account service is temporarily unavailable", "exceeding outbound thread limit"),
                    MIMECAST_CODES + " (451 too many concurrent inbound connections; 550 outbound thread limit)"),
            code(MIMECAST, SYSTEM_ERROR, List.of("unable to process connection at this time", "unable to process an email at this time"),
                    MIMECAST_CODES + " (451 server under maximum load; generic 451)"),
            code(MIMECAST, NOT_ACCEPT, List.of("account inbounds disabled"), MIMECAST_CODES + " (451 Account inbounds disabled)"),
            // a virus signature or a spam score over the maximum: Mimecast names it a security policy
            code(MIMECAST, VIRUS_DETECTED, List.of("email rejected due to security policies"),
                    MIMECAST_CODES + " (554 Email rejected due to security policies)"),
            code(MIMECAST, SECURITY_ERROR, List.of("this route requires encryption (tls)", "this route requires tls version",
                    "this route requires high-strength ciphers"), MIMECAST_CODES + " (553 TLS required by policy)"),

            // Gmail / Google Workspace: replies only Google writes, each with one meaning on its published page
            // (5.7.30 is RFC 7817's "REQUIRETLS support required" in the IANA registry; Google uses it for DKIM)
            code(GOOGLE, AUTH_FAILURE, List.of("senders to authenticate with spf", "authenticate their email with spf",
                    "senders to authenticate with dkim", "authenticate their email with dkim",
                    "aligned with either the authenticated spf or dkim"),
                    GMAIL + " (4.7.27 SPF, 4.7.30/5.7.30 DKIM required of bulk senders; 4.7.32 From: not aligned)"),
            // "this message is likely unsolicited mail" judges the message, not the sender's standing
            // "an unusual rate of unsolicited mail originating from your IP address ... mail sent from your IP address
            // has been blocked / rate limited": the IP's sending is judged (Sisimai's Rhost::Google: blocked)
            code(GOOGLE, BLOCKED, List.of("unusual rate of unsolicited mail"),
                    GMAIL + " (421 4.7.0 / 550 5.7.1 / 4.7.28 unusual rate of unsolicited mail from your IP); "
                            + "Sisimai Rhost::Google"),
            code(GOOGLE, SPAM_DETECTED, List.of("this message is likely unsolicited mail"),
                    GMAIL + " (550 5.7.1 likely unsolicited mail)"),
            code(GOOGLE, BLOCKED, List.of("try again later, closing connection", "helo/ehlo argument is invalid",
                    "empty helo/ehlo argument not allowed"),
                    GMAIL + " (421 4.7.0 DoS at the HELO stage; 501 5.5.4 HELO/EHLO argument invalid)"),
            code(GOOGLE, NOT_COMPLIANT_RFC, List.of("missing a valid message-id: header",
                    "multiple addresses in from: header are not accepted", "unicode character in a disallowed header",
                    "encoded-word syntax is not permitted", "mail message is malformed"),
                    GMAIL + " (550 5.7.1 / 554 5.6.0 messages not RFC 5322 compliant)"),
            code(GOOGLE, POLICY_VIOLATION, List.of("illegal attachment on your message",
                    "sending messages with the same message-id"),
                    GMAIL + " (552 5.7.0 illegal attachment; 421 4.7.28 same Message-ID quota)"),
            code(GOOGLE, SPEEDING, List.of("peak smtp relay limit exceeded", "daily smtp relay limit exceeded",
                    "daily smtp relay sending limit exceeded", "daily user sending limit exceeded", "daily sending quota exceeded"),
                    GMAIL + " (450 4.2.1 peak relay limit; 550 5.4.5 daily sending limits); "
                            + "https://support.google.com/a/answer/6140680"),
            code(GOOGLE, SYSTEM_ERROR, List.of("multiple destination domains per transaction is unsupported",
                    "mail server temporarily rejected message", "mail server has temporarily rejected this message"),
                    GMAIL + " (451 4.3.0 temporary rejection)"),
            code(GOOGLE, FAILED_STARTTLS, List.of("senders to use tls/ssl for smtp"), GMAIL + " (421 4.7.29 / 550 5.7.29 TLS required)"),

            // Tencent QQ Mail: its reply texts, each explained on its help pages (service.mail.qq.com/detail/122/<n>,
            // the pages Sisimai's Rhost::Tencent cites): a suspected spam IP or bounce attack and a denied connection
            // judge the sending host; "mail content denied" the content; the recipients' own refusal of the sender
            // is read as Sisimai does (rejected); "is a deactivated mailbox" a disabled account
            code(TENCENT, BLOCKED, List.of("suspected bounce attacks", "suspected spam ip", "connection denied"),
                    TENCENT_HELP + " (57 bounce attacks, 66 suspected spam IP, 170 connection denied)"),
            code(TENCENT, SPAM_DETECTED, List.of("mail content denied"), TENCENT_HELP + " (171 mail content denied)"),
            code(TENCENT, REJECTED, List.of("mail is rejected by recipients"), TENCENT_HELP + " (92); Sisimai Rhost::Tencent"),
            code(TENCENT, SUSPEND, List.of("is a deactivated mailbox"), TENCENT_HELP + " (deactivated mailbox)"),

            // NetEase (163.com, 126.com): a two-part code after the reply code, explained on the page every such reply
            // links to ("please see http://mail.163.com/help/help_spam_16.htm"), which would otherwise make all of
            // them spam: DT:SUM envelope and header senders differ, MI:SPB the sender is not among the permitted
            // users (both about the sender); HL:IHU the sending IP suspended for spam or abnormal connections, HL:IPB
            // the IP not among the permitted addresses (the host); MI:STC the sender's daily count exceeded
            code(NETEASE, REJECTED, List.of("dt:sum", "mi:spb"), NETEASE_HELP + " (DT:SUM, MI:SPB)"),
            code(NETEASE, BLOCKED, List.of("hl:ihu", "hl:ipb"), NETEASE_HELP + " (HL:IHU, HL:IPB)"),
            code(NETEASE, SPEEDING, List.of("mi:stc"), NETEASE_HELP + " (MI:STC daily limit of the sender)"),

            // GMX / Web.de (United Internet): "Reject due to SPF policy. The originating IP of the message is not
            // permitted by the domain owner": an SPF failure, not a local policy
            code(GMX_WEBDE, AUTH_FAILURE, List.of("reject due to spf policy"),
                    "GMX postmaster, \"Error messages\": https://postmaster.gmx.net/en/error-messages; "
                            + "https://smtp.codes/unitedinternet/ (550 Reject due to SPF policy)"),

            // Orange / La Poste: "Mail from not owned by user" (LPNnnn_421) refuses the envelope sender, whatever
            // RFC 3463 X.5.3 (too many recipients) would say
            code(ORANGE_LAPOSTE, REJECTED, List.of("mail from not owned by user"),
                    "https://www.postmastery.com/orange-postmaster-smtp-error-codes-ofr/ (421: mail from not owned by user); "
                            + "Sisimai Rhost::FrancePTT"),

            // Mailgun does not send to addresses on its suppression lists and says why: these are Mailgun's own
            // drops, not the recipient's server's answer (suppressed, soft)
            code(MAILGUN, SUPPRESSED, List.of("not delivering to previously bounced address",
                    "not delivering to a user who marked your messages as spam", "not delivering to unsubscribed address"),
                    "Mailgun documentation, \"Suppressions\" (bounces, complaints, unsubscribes): "
                            + "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/"),

            // Zoho Mail: "541 5.4.1 Mail rejected by destination domain": the recipient's domain refuses this sender
            // (not a routing failure, whatever X.4.1 says)
            code(ZOHO, REJECTED, List.of("mail rejected by destination domain"),
                    "https://smtpfieldmanual.com/provider/zoho (541 5.4.1); Sisimai Rhost::Zoho"),

            // GoDaddy (secureserver.net) ends each refusal with its code, " IBnnn" (the codes whose texts the general
            // phrases would misread: "too many invalid recipients" is no unknown user, "blank From:" no sender refusal)
            code(GODADDY, SECURITY_ERROR, List.of(" ib401"), GODADDY_HELP + " (IB401 authentication not allowed inbound)"),
            code(GODADDY, NOT_COMPLIANT_RFC, List.of(" ib501", " ib502"), GODADDY_HELP + " (IB501/IB502 blank or IP From:)"),
            code(GODADDY, REJECTED, List.of(" ib506"), GODADDY_HELP + " (IB506 From: domain invalid)"),
            code(GODADDY, AUTH_FAILURE, List.of(" ib508"), GODADDY_HELP + " (IB508 SPF does not authorise the server)"),
            code(GODADDY, SPEEDING, List.of(" ib504", " ib510", " ib607"), GODADDY_HELP + " (IB504/IB510/IB607 hourly and per-session limits)"),
            code(GODADDY, BLOCKED, List.of(" ib104", " ib105", " ib106", " ib110", " ib111", " ib112", " ib113"),
                    GODADDY_HELP + " (IB104-106 Spamhaus lists; IB110-113 IP blocked for spam or invalid recipients)"),

            // (Facebook's response codes: ReceivingHostRules)

            // Apple iCloud Mail: "[HME1] This message was blocked for failing both SPF and DKIM authentication
            // checks" (the authentication verdict, whatever "blocked" says)
            code(APPLE, AUTH_FAILURE, List.of("[hme1]", "failing both spf and dkim authentication checks"),
                    ICLOUD + " ([HME1] failing SPF and DKIM)"));

    /** Each code as written right after a permanent or transient reply code ("550 SC-001", "421 RP-001"). */
    private static List<String> afterReplyCode(String... codes) {
        List<String> out = new ArrayList<>();
        for (String c : codes) {
            for (String reply : List.of("550 ", "554 ", "421 ", "450 ", "451 ")) {
                out.add(reply + c);
            }
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
