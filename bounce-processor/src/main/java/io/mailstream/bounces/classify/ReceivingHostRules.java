package io.mailstream.bounces.classify;

import io.mailstream.bounces.classify.ProviderRules.ProviderRule;
import java.util.ArrayList;
import java.util.List;

import static io.mailstream.bounces.BounceReason.*;
import static io.mailstream.bounces.classify.MtaFamily.*;
import static io.mailstream.bounces.classify.ProviderRules.ProviderRule.code;

/**
 * Receiving providers' own replies that {@link ProviderCodeRules} lacked, found by checking our rules
 * against Sisimai's per-provider modules ({@code lib/Sisimai/Rhost/*.pm}: Google, Microsoft, Tencent,
 * Facebook ...) with synthetic DSNs, then read on each provider's own published page. Each rule is a code
 * or a sentence only that provider writes, so it stays with its family (withheld with it by the
 * leave-one-family-out evaluation) and is decisive like the other provider codes: Gmail writes "rate
 * limited" beside a missing PTR record, Exchange Online "access denied" beside a banned recipient.
 * Where the provider's page and Sisimai's module disagree, the page is followed and the difference noted.
 */
final class ReceivingHostRules {
    private ReceivingHostRules() {
    }

    static List<ProviderRule> all() {
        return RULES;
    }

    private static final String GMAIL = "Google, \"Gmail SMTP errors and codes\": https://support.google.com/a/answer/3726730";
    private static final String GMAIL_SENDERS = "Google, \"Email sender guidelines\": https://support.google.com/mail/answer/81126";
    private static final String GMAIL_RELAY = "Google, \"SMTP relay service error messages\": https://support.google.com/a/answer/6140680";
    private static final String EXCHANGE_ONLINE = "learn.microsoft.com, \"Email non-delivery reports and SMTP errors in "
            + "Exchange Online\" (non-delivery-reports-in-exchange-online)";
    private static final String EXCHANGE_2019 = "learn.microsoft.com, \"Email non-delivery reports and SMTP errors in "
            + "Exchange Server\" (non-delivery-reports-and-bounce-messages)";
    private static final String FACEBOOK_CODES = "Facebook postmaster, \"SMTP Response Codes\": "
            + "http://postmaster.facebook.com/response_codes";

    private static final String MIMECAST_CODES = "Mimecast, \"Mimecast SMTP Error Codes\": "
            + "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754";
    private static final String COX = "Cox, \"Email error codes\": https://www.cox.com/residential/support/email-error-codes.html";
    private static final String BROADCOM_KB = "Broadcom knowledge base, \"Email error and bounce codes for Email Security.cloud\": "
            + "https://knowledge.broadcom.com/external/article/169652";
    private static final String IUA_ERRORS = "i.ua mail, error pages https://mail.i.ua/err/<n>/ (cited by Sisimai Rhost::IUA)";

    /** i.ua's replies end with the link to the page of their error number, "http://mail.i.ua/err/2/". */
    private static List<String> iuaErrors(int... numbers) {
        List<String> out = new ArrayList<>();
        for (int n : numbers) {
            out.add("i.ua/err/" + n + "/");
        }
        return out;
    }

    /** Exchange's mail flow rule refusals, 5.7.900 to 5.7.999, each with the RFC 3463 text beside it. */
    private static List<String> mailFlowRuleCodes() {
        List<String> out = new ArrayList<>();
        for (int n = 900; n <= 999; n++) {
            out.add("5.7." + n + " delivery not authorized");
        }
        return out;
    }

    private static final List<ProviderRule> RULES = List.of(
            // Gmail / Google Workspace ------------------------------------------------------------------------
            // 4.7.28 "Gmail has detected an unusual rate of mail originating from your IP / Netblock / DKIM
            // domain / SPF domain ... temporarily rate limited": the sending source is judged (as for the
            // "unusual rate of unsolicited mail" reply; Sisimai Rhost::Google: blocked)
            code(GOOGLE, BLOCKED, List.of("has detected an unusual rate of mail"), GMAIL + " (421 4.7.28)"),
            // 552 5.3.4: too many attachments, a header over Google's size limits (a limit of the message's
            // parts, not of the whole message: exceedlimit, as Sisimai Rhost::Google)
            code(GOOGLE, EXCEED_LIMIT, List.of("exceeds google's limit of", "bytes per individual header size",
                    "exceeded google's message header size limit", "exceeds google's message header size limit",
                    "exceeds google's header name limit"), GMAIL + " (552 5.3.4 attachments, header size)"),
            // Workspace SMTP relay: "Invalid credentials for relay": the relay cannot tie the client to a Workspace
            // account. ("The IP you're using to send mail is not authorized to send email directly to our servers"
            // judges the client IP: blocked, decisive here so that "not authorized" is not read as an SPF failure;
            // Sisimai's module reads it as norelaying)
            code(GOOGLE, NO_RELAYING, List.of("invalid credentials for relay"), GMAIL_RELAY + " (550 5.7.1 Invalid credentials for relay)"),
            code(GOOGLE, BLOCKED, List.of("is not authorized to send email directly to our servers"),
                    GMAIL + " (550 5.7.1 IP not authorized to send directly)"),
            // messages not RFC 5321 / 5322 compliant (the From: address, the sender address)
            code(GOOGLE, NOT_COMPLIANT_RFC, List.of("missing a valid address in the from: header",
                    "is not a valid rfc 5321 address"),
                    GMAIL + " (550 5.7.1 RFC 5322; 553 5.1.7 RFC 5321)"),
            // "The user or domain that you are sending to (or from) has a policy that prohibited the mail": a domain
            // administrator's policy (Sisimai Rhost::Google: policyviolation; an earlier reading here was filtered, but
            // in a DSN the general rules read it as securityerror)
            code(GOOGLE, POLICY_VIOLATION, List.of("has a policy that prohibited the mail that you sent"),
                    GMAIL + " (550 5.7.1); https://support.google.com/a/answer/172179"),
            // Workspace relay: "Mail Sending denied" (the sender account is disabled or not in the domain: the
            // sender is refused, whatever "disabled" says)
            code(GOOGLE, REJECTED, List.of("mail sending denied"), GMAIL_RELAY + " (550 5.7.0 Mail Sending denied)"),
            // the sending IP's PTR record missing or not matching (Gmail calls it a rate limit or a block)
            // ("doesn't have a" would otherwise be read as Yahoo's unknown user; the other PTR replies the general
            // wording already reads)
            code(GOOGLE, REQUIRE_PTR, List.of("have a ptr record, or the ptr record"), GMAIL_SENDERS + " (421 4.7.23)"),

            // Exchange Online / Exchange Server ---------------------------------------------------------------
            // 5.7.900-5.7.999: the message was rejected by a mail flow (transport) rule
            code(MICROSOFT, POLICY_VIOLATION, mailFlowRuleCodes(), EXCHANGE_2019 + " (5.7.900-5.7.999 mail flow rule)"),
            // 5.7.57 "Client was not authenticated to send anonymous mail during MAIL FROM": SMTP client submission
            // without AUTH (securityerror, like SmtpAuthRefusal), not a refusal of the sender address it answers.
            // (4.4.317 "STARTTLS is required to send mail" stays failedstarttls by the general wording: the page
            // describes a failed TLS handshake; Sisimai's module reads it as securityerror)
            code(MICROSOFT, SECURITY_ERROR, List.of("not authenticated to send anonymous mail during mail from"),
                    EXCHANGE_ONLINE + " (5.7.57)"),
            // per-recipient receive limits (5.2.121, 5.2.122) and a mailbox database's thread limit (4.3.2)
            code(MICROSOFT, SPEEDING, List.of("per hour message receive limit", "recipient thread limit exceeded"),
                    EXCHANGE_ONLINE + " (5.2.121, 5.2.122; 4.3.2 STOREDRV recipient thread limit)"),
            // 5.7.505 "Access denied, banned recipient": the recipient's account is banned (soft, like a disabled
            // mailbox; "access denied" would otherwise read as a block of the sender)
            code(MICROSOFT, SUSPEND, List.of("access denied, banned recipient"), EXCHANGE_ONLINE + " (5.7.505)"),
            // 4.3.2 "Service not available" / "Service not active" (Exchange's own components inactive), 4.7.700
            // "PFA agent busy": the receiver's side, not a system refusing network messages (RFC 3463 X.3.2)
            code(MICROSOFT, SYSTEM_ERROR, List.of("pfa agent busy", "4.3.2 service not available", "4.3.2 service not active"),
                    EXCHANGE_2019 + " (4.3.2 service not available / not active); Sisimai Rhost::Microsoft (4.7.700, "
                            + "undocumented)"),

            // Yahoo: "451 VS1-IP / VS1-MF Excessive unknown recipients - possible Open Relay": the sending server is
            // deprioritised for its many unknown recipients; neither this recipient unknown nor the sender refused
            code(YAHOO_AOL, BLOCKED, List.of("excessive unknown recipients - possible open relay"),
                    "Yahoo help, \"Email sent to Yahoo Mail addresses is rejected\": "
                            + "https://help.yahoo.com/kb/mail-for-desktop/SLN3444.html (451 VS1-IP, VS1-MF)"),

            // Tencent QQ Mail -------------------------------------------------------------------------------
            // "Mailbox unavailable or access denined" (QQ's own spelling), help page 166: the sender's frequency
            // limited for the recipient; never an unknown user
            code(TENCENT, SPEEDING, List.of("mailbox unavailable or access denined"),
                    "Tencent QQ Mail help, https://service.mail.qq.com/detail/122/166; Sisimai Rhost::Tencent"),

            // Mimecast: replies of its published list the general rules misread ------------------------------------
            // 451 "Internal resources are temporarily unavailable": greylisting or the sending IP's poor reputation
            code(MIMECAST, BAD_REPUTATION, List.of("internal resources are temporarily unavailable",
                    "internal resource temporarily unavailable", "internal resource is temporarily unavailable"),
                    MIMECAST_CODES + " (451 Internal resources are temporarily unavailable; the page's table writes it "
                            + "\"Internal resource temporarily unavailable\", and the reply itself reads \"Internal resource "
                            + "is temporarily unavailable\" in a transcript on https://dwlistore.dwli.org/knowledgebase/444)"),
            // 550 "Local CT IP Reputation - (reject)": the sending IP's reputation (Cyren/Commtouch) refused it, said
            // at the greeting as often as at RCPT (Sisimai Rhost::Mimecast: badreputation)
            code(MIMECAST, BAD_REPUTATION, List.of("local ct ip reputation"),
                    MIMECAST_CODES + " (550 Local CT IP Reputation - (reject)); Sisimai Rhost::Mimecast"),
            // a header-based Anti-Spoofing policy (as the envelope-based one ProviderCodeRules reads)
            code(MIMECAST, POLICY_VIOLATION, List.of("rejected by header-based anti-spoofing policy"),
                    MIMECAST_CODES + " (550 Rejected by header-based Anti-Spoofing policy)"),
            // the recipient's own Managed Senders entry blocks the sender: the sender is refused, not the host
            code(MIMECAST, REJECTED, List.of("envelope blocked - user entry", "envelope blocked \u2013 user entry",
                    "envelope blocked - user domain entry", "envelope blocked \u2013 user domain entry"),
                    MIMECAST_CODES + " (550 Envelope blocked - User Entry / User Domain Entry)"),
            // 451 "Message ended early": the transmission was cut (firewall, SMTP fix-up), not a verdict
            code(MIMECAST, SYSTEM_ERROR, List.of("message ended early"), MIMECAST_CODES + " (451 Message ended early)"),

            // Cox: codes and sentences of its error page the general rules misread ---------------------------------
            // AUP#CXSMTP: an SMTP protocol violation, Cox cannot verify a legitimate sender (the sender refused);
            // AUP#CXTHRT / AUP#CXMJ: sending limited for suspicious activity on the Cox account (an account matter)
            code(US_CABLE_ISP, REJECTED, List.of("aup#cxsmtp"), COX + " (CXSMTP)"),
            code(US_CABLE_ISP, SECURITY_ERROR, List.of("aup#cxthrt", "aup#cxmj"), COX + " (CXTHRT, CXMJ); Sisimai Rhost::Cox"),
            // the client IP blocked for bad commands or for too many invalid recipients: a verdict on the sending
            // host, never this recipient unknown (it was a hard userunknown)
            code(US_CABLE_ISP, BLOCKED, List.of("cox too many bad commands from", "too many invalid recipients"),
                    COX + " (too many bad commands; invalid recipients threshold)"),
            code(US_CABLE_ISP, REQUIRE_PTR, List.of("dns check failure - try again later", "rejected - no rdns"),
                    COX + " (reverse DNS check failed; no rDNS)"),
            code(US_CABLE_ISP, POLICY_VIOLATION, List.of("esmtp no data before greeting", "attachment extension is forbidden"),
                    COX + " (talking before the greeting; forbidden attachment types)"),
            code(US_CABLE_ISP, TOO_MANY_CONN, List.of("message threshold exceeded"), COX + " (100 messages per connection)"),

            // Symantec / Broadcom Email Security.cloud (MessageLabs): its knowledge-base articles ----------------------
            code(FILTERING_GATEWAY, AUTH_FAILURE, List.of("domain authentication fail"),
                    BROADCOM_KB + "; article 175407 (553 SPF / DMARC domain authentication fail)"),
            code(FILTERING_GATEWAY, BAD_REPUTATION, List.of("connection rejected by policy [7.7]"),
                    BROADCOM_KB + "; article 164955 (501 Connection rejected by policy: the IP's negative reputation)"),
            code(FILTERING_GATEWAY, FAILED_STARTTLS, List.of("tls/sslv3 connection required"),
                    BROADCOM_KB + "; article 162152 (451 TLS/SSLv3 Connection required)"),
            code(FILTERING_GATEWAY, NO_RELAYING, List.of("as a relay, but i have not been configured to let you"),
                    BROADCOM_KB + "; article 162137 (trying to use me as a relay)"),
            // the sender's domain or address on the recipient's private block list: the sender is refused
            code(FILTERING_GATEWAY, REJECTED, List.of("sorry, your domain has been blocked", "sorry, your email address has been blocked"),
                    BROADCOM_KB + " (553 your domain / email address has been blocked)"),
            code(FILTERING_GATEWAY, USER_UNKNOWN, List.of("recipient mailbox is not allowed"),
                    BROADCOM_KB + "; article 175710 (553 Recipient mailbox is not allowed: an invalid address)"),

            // i.ua: the error number in the link every reply carries names the cause
            code(IUA, NO_RELAYING, iuaErrors(1, 6), IUA_ERRORS + " (1 SMTP as mail gate forbidden, 6 use your provider's SMTP)"),
            code(IUA, USER_UNKNOWN, iuaErrors(2), IUA_ERRORS + " (2 user not found)"),
            code(IUA, SUSPEND, iuaErrors(3), IUA_ERRORS + " (3 mailbox unused for more than 3 months)"),
            code(IUA, MAILBOX_FULL, iuaErrors(4), IUA_ERRORS + " (4 mailbox full)"),
            code(IUA, TOO_MANY_CONN, iuaErrors(5), IUA_ERRORS + " (5 sending limit exceeded)"),
            code(IUA, BLOCKED, iuaErrors(7, 9), IUA_ERRORS + " (7 wrong HELO/EHLO, 9 sender's IP blacklisted)"),
            code(IUA, REJECTED, iuaErrors(8), IUA_ERRORS + " (8 sender address could not be checked)"),
            code(IUA, FILTERED, iuaErrors(10), IUA_ERRORS + " (10 not in the recipient's address list)"),

            // KDDI au: "550 : User unknown" with no address before the colon is au's reception filter refusing the
            // sender (filtered, soft); "550 <address>: User unknown" stays an unknown user (Sisimai Rhost::KDDI)
            code(JAPANESE_CARRIER, FILTERED, List.of("550 : user unknown"), "Sisimai Rhost::KDDI (au's reception settings)"),

            // Facebook: its own codes after the status ("550 5.1.1 RCP-P1 ..."), each with one documented meaning
            code(FACEBOOK, AUTH_FAILURE, List.of("pol-p7"), FACEBOOK_CODES + " (POL-P7 Domain Authentication)"),
            code(FACEBOOK, BLOCKED, List.of("pol-p1", "pol-p2", "pol-p3", "pol-p4", "pol-t1", "pol-t2", "pol-t3"),
                    FACEBOOK_CODES + " (POL-P1..P4, POL-T1..T3: the sending server)"),
            code(FACEBOOK, CONTENT_ERROR, List.of("msg-p2"), FACEBOOK_CODES + " (MSG-P2 attachment type)"),
            code(FACEBOOK, FILTERED, List.of("rcp-p2", "rcp-p3"), FACEBOOK_CODES + " (RCP-P2/P3 recipient's preferences)"),
            code(FACEBOOK, MESG_TOO_BIG, List.of("msg-p1", "int-p2"), FACEBOOK_CODES + " (MSG-P1, INT-P2 size)"),
            code(FACEBOOK, NOT_COMPLIANT_RFC, List.of("msg-p3"), FACEBOOK_CODES + " (MSG-P3 repeated header)"),
            code(FACEBOOK, REJECTED, List.of("dns-p1", "dns-p2", "dns-t1"), FACEBOOK_CODES + " (DNS-P1/P2/T1 MAIL FROM domain)"),
            code(FACEBOOK, REQUIRE_PTR, List.of("dns-p3", "dns-t2"), FACEBOOK_CODES + " (DNS-P3/T2 reverse DNS)"),
            code(FACEBOOK, SPAM_DETECTED, List.of("pol-p6"), FACEBOOK_CODES + " (POL-P6 blocked URL)"),
            code(FACEBOOK, VIRUS_DETECTED, List.of("pol-p5"), FACEBOOK_CODES + " (POL-P5 virus)"),
            code(FACEBOOK, SUSPEND, List.of("rcp-t4"), FACEBOOK_CODES + " (RCP-T4 deactivated)"),
            code(FACEBOOK, SYSTEM_ERROR, List.of("rcp-t1"), FACEBOOK_CODES + " (RCP-T1 internal issue)"),
            code(FACEBOOK, TOO_MANY_CONN, List.of("con-t1", "con-t2", "con-t3", "con-t4", "msg-t1"),
                    FACEBOOK_CODES + " (CON-T1..T4 connections, MSG-T1 recipients)"),
            code(FACEBOOK, USER_UNKNOWN, List.of("rcp-p1", "int-p1", "int-p3", "int-p4"),
                    FACEBOOK_CODES + " (RCP-P1, INT-P1/P3/P4: the address does not exist)"));
}
