package io.mailstream.bounces.classify;

import static io.mailstream.bounces.BounceReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Receiving providers' own replies and codes (issue 16, branch rhD: {@link ReceivingHostRules},
 * {@link OrangeReplyCodes}). Every reply is written here from the provider's published page (cited in the
 * rule), none is taken from a bounce corpus. Each table lists every case at once when it fails; each case
 * was classified otherwise before its rule (checked by running this class against the code without the
 * rules), mostly by the status or the general wording beside the provider's text.
 */
class ReceivingHostRulesTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private record Reply(int code, String status, String text, BounceReason reason) {
    }

    private static Reply r(int code, String status, String text, BounceReason reason) {
        return new Reply(code, status, text, reason);
    }

    /** A failed DSN's diagnostic as Postfix reports a reply to RCPT TO (status 5.0.0, no enhanced code in the reply). */
    private Classification relayedAtRcpt(String reply) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.empty(), reply,
                "host lsean.ezweb.ne.jp[192.0.2.7] said: " + reply + " (in reply to RCPT TO command)");
    }

    /** The cases whose reason differs from the one expected, each as a readable line. */
    private List<String> misread(ReasonClassifier c, List<Reply> replies) {
        List<String> out = new ArrayList<>();
        for (Reply reply : replies) {
            Classification got = c.classify(reply.code(), reply.status(), reply.text());
            if (got.reason() != reply.reason()) {
                out.add(reply.text() + " -> " + got.reason() + ", want " + reply.reason());
            }
        }
        return out;
    }

    @Test
    void gmailsRepliesShouldHaveTheReasonsItsPagesGiveThemNotTheirStatusOrWording() {
        List<Reply> gmail = List.of(
                r(421, "4.7.28", "421 4.7.28 Gmail has detected an unusual rate of mail originating from your SPF domain "
                        + "example.net. To protect our users from spam, mail has been temporarily rate limited.", BLOCKED),
                r(552, "5.3.4", "552 5.3.4 The number of attachments (60) exceeds Google's limit of 50 attachments.",
                        EXCEED_LIMIT),
                r(552, "5.3.4", "552 5.3.4 The size of the References header value (40000 bytes) exceeds Google's limit of "
                        + "32000 bytes per individual header size.", EXCEED_LIMIT),
                r(550, "5.7.1", "550 5.7.1 Invalid credentials for relay [198.51.100.4]. The IP address you've registered "
                        + "in your Workspace SMTP Relay service doesn't match the domain of the account.", NO_RELAYING),
                r(550, "5.7.1", "550 5.7.1 The IP you're using to send mail is not authorized to send email directly to "
                        + "our servers. Please use the SMTP relay at your service provider instead.", BLOCKED),
                r(550, "5.7.1", "550 5.7.1 Messages missing a valid address in the From: header, or having no From: "
                        + "header, are not accepted.", NOT_COMPLIANT_RFC),
                r(553, "5.1.7", "553 5.1.7 The sender address <news@@shop.example.net> is not a valid RFC 5321 address.",
                        NOT_COMPLIANT_RFC),
                r(550, "5.7.1", "550 5.7.1 The user or domain that you are sending to (or from) has a policy that "
                        + "prohibited the mail that you sent.", POLICY_VIOLATION),
                r(550, "5.7.0", "550 5.7.0 Mail Sending denied. This error occurs if the sender account is disabled or not "
                        + "registered within your Google Workspace domain.", REJECTED),
                r(421, "4.7.23", "421 4.7.23 The sending IP address for this message doesn't have a PTR record, or the PTR "
                        + "record's forward DNS entry doesn't match the sending IP address.", REQUIRE_PTR));

        assertThat(misread(classifier, gmail)).isEmpty();
    }

    @Test
    void exchangesOwnCodesAndSentencesShouldHaveTheirDocumentedReasons() {
        List<Reply> exchange = List.of(
                r(550, "5.7.942", "550 5.7.942 Delivery not authorized, message refused: payroll files stay inside.",
                        POLICY_VIOLATION),
                r(550, "5.2.121", "550 5.2.121 Recipient's per hour message receive limit from specific sender exceeded.",
                        SPEEDING),
                r(452, "4.3.2", "452 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", SPEEDING),
                r(550, "5.7.505", "550 5.7.505 Access denied, banned recipient.", SUSPEND),
                r(451, "4.7.700", "451 4.7.700 PFA agent busy, please try again. [AM0PR01MB1234.eurprd01.prod.outlook.com]",
                        SYSTEM_ERROR),
                r(451, "4.3.2", "451 4.3.2 Service not active", SYSTEM_ERROR));
        assertThat(misread(classifier, exchange)).isEmpty();
        // said to MAIL FROM, a refusal would be the sender's; Exchange's sentence says the client did not log in
        assertThat(classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.7.57"), OptionalInt.empty(),
                "530 5.7.57 Client not authenticated to send mail. Client was not authenticated to send anonymous mail "
                        + "during MAIL FROM", "host smtp.office365.com said: 530 5.7.57 Client not authenticated to send "
                        + "mail. Client was not authenticated to send anonymous mail during MAIL FROM (in reply to MAIL FROM "
                        + "command)").reason()).isEqualTo(SECURITY_ERROR);
    }

    @Test
    void qqsAccessDeninedShouldBeASoftRateLimitNotAHardUnknownUser() {
        Classification c = classifier.classify(550, null, "550 Mailbox unavailable or access denined. "
                + "https://service.mail.qq.com/detail/122/166");
        assertThat(c.reason()).isEqualTo(SPEEDING);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void yahoosExcessiveUnknownRecipientsShouldJudgeTheSendingServerNotTheRecipientOrTheSender() {
        List<Reply> yahoo = List.of(
                r(451, "4.1.8", "451 VS1-IP Excessive unknown recipients - possible Open Relay (#4.1.8)", BLOCKED),
                r(451, "4.4.5", "451 VS1-MF Excessive unknown recipients - possible Open Relay (#4.4.5)", BLOCKED));
        assertThat(misread(classifier, yahoo)).isEmpty();
    }

    @Test
    void facebooksResponseCodesShouldBeReadAsItsPostmasterPageDefinesThem() {
        List<Reply> facebook = List.of(
                r(550, null, "550 POL-P7 https://www.facebook.com/postmaster/response_codes?ip=198.51.100.4#pol-p7",
                        AUTH_FAILURE),
                r(550, null, "550 POL-P2 https://www.facebook.com/postmaster/response_codes", BLOCKED),
                r(450, null, "450 POL-T2 https://www.facebook.com/postmaster/response_codes", BLOCKED),
                r(550, null, "550 MSG-P2 https://www.facebook.com/postmaster/response_codes", CONTENT_ERROR),
                r(550, null, "550 RCP-P3 https://www.facebook.com/postmaster/response_codes", FILTERED),
                r(550, null, "550 INT-P2 https://www.facebook.com/postmaster/response_codes", MESG_TOO_BIG),
                r(550, null, "550 MSG-P3 https://www.facebook.com/postmaster/response_codes", NOT_COMPLIANT_RFC),
                r(550, null, "550 DNS-P2 https://www.facebook.com/postmaster/response_codes", REJECTED),
                r(550, null, "550 DNS-P3 https://www.facebook.com/postmaster/response_codes", REQUIRE_PTR),
                r(550, null, "550 POL-P6 https://www.facebook.com/postmaster/response_codes", SPAM_DETECTED),
                r(550, null, "550 POL-P5 https://www.facebook.com/postmaster/response_codes", VIRUS_DETECTED),
                r(450, null, "450 RCP-T4 https://www.facebook.com/postmaster/response_codes", SUSPEND),
                r(450, null, "450 RCP-T1 https://www.facebook.com/postmaster/response_codes", SYSTEM_ERROR),
                r(450, null, "450 CON-T2 https://www.facebook.com/postmaster/response_codes", TOO_MANY_CONN),
                r(550, null, "550 INT-P4 https://www.facebook.com/postmaster/response_codes", USER_UNKNOWN));
        assertThat(misread(classifier, facebook)).isEmpty();
    }

    @Test
    void mimecastsIuasAndKddisRepliesShouldHaveTheirDocumentedReasons() {
        List<Reply> replies = List.of(
                r(451, null, "451 Internal resources are temporarily unavailable - https://community.mimecast.com/docs/"
                        + "DOC-1369#451 [xYz0AbC1dEf2.uk123]", BAD_REPUTATION),
                r(550, null, "550 Rejected by header-based Anti-Spoofing policy: news@shop.example.net - "
                        + "https://community.mimecast.com/docs/DOC-1369#550 [xYz0AbC1dEf2.uk123]", POLICY_VIOLATION),
                r(550, null, "550 Envelope blocked - User Entry - https://community.mimecast.com/docs/DOC-1369#550 "
                        + "[xYz0AbC1dEf2.uk123]", REJECTED),
                r(451, null, "451 Message ended early - https://community.mimecast.com/docs/DOC-1369#451", SYSTEM_ERROR),
                r(550, null, "550 The use of SMTP as mail gate is forbidden. http://mail.i.ua/err/1/", NO_RELAYING),
                r(550, null, "550 Mailbox was not used for more than 3 months. http://mail.i.ua/err/3/", SUSPEND),
                r(550, null, "550 Letter sending limit is exceeded. http://mail.i.ua/err/5/", TOO_MANY_CONN),
                r(550, null, "550 Sender address could not be checked. http://mail.i.ua/err/8/", REJECTED),
                r(550, null, "550 IP-address of the sender is blacklisted. http://mail.i.ua/err/9/", BLOCKED),
                r(550, null, "550 Not in the list of the recipient's mail address management. http://mail.i.ua/err/10/",
                        FILTERED));
        assertThat(misread(classifier, replies)).isEmpty();
        // KDDI au, as a relay reports its reply to RCPT TO
        Classification kddi = relayedAtRcpt("550 : User unknown");
        assertThat(kddi.reason()).isEqualTo(FILTERED);
        assertThat(kddi.hard()).isFalse();
        // with the address before the colon it is au's unknown user
        assertThat(relayedAtRcpt("550 <taro@ezweb.ne.jp>: User unknown").reason()).isEqualTo(USER_UNKNOWN);
    }

    @Test
    void coxsAndEmailSecurityCloudsRepliesShouldHaveTheirDocumentedReasons() {
        List<Reply> replies = List.of(
                r(554, null, "554 cox.net requires that you have a valid reason. AUP#CXSMTP", REJECTED),
                r(554, null, "554 cox.net requires that you have a valid reason. AUP#CXTHRT", SECURITY_ERROR),
                r(421, null, "421 cox too many bad commands from 198.51.100.4", BLOCKED),
                r(421, null, "421 DNS check failure - try again later", REQUIRE_PTR),
                r(554, null, "554 ESMTP no data before greeting", POLICY_VIOLATION),
                r(552, null, "552 attachment extension is forbidden", POLICY_VIOLATION),
                r(452, null, "452 message threshold exceeded", TOO_MANY_CONN),
                r(553, null, "553 DMARC domain authentication fail", AUTH_FAILURE),
                r(501, null, "501 Connection rejected by policy [7.7] 20805, please visit www.messagelabs.com/support for "
                        + "more details about this error message.", BAD_REPUTATION),
                r(451, "4.7.1", "451 TLS/SSLv3 Connection required. (#4.7.1)", FAILED_STARTTLS),
                r(553, null, "553 You are trying to use me [server-2.tower-31.messagelabs.com] as a relay, but I have not "
                        + "been configured to let you [198.51.100.4, mta1.shop.example.net] do this.", NO_RELAYING),
                r(553, null, "553 Sorry, your domain has been blocked", REJECTED),
                r(553, null, "553 Recipient mailbox is not allowed", USER_UNKNOWN));
        assertThat(misread(classifier, replies)).isEmpty();
        // over a threshold of invalid recipients the client is blocked: never this recipient unknown, never hard
        Classification invalid = classifier.classify(550, null, "550 too many invalid recipients");
        assertThat(invalid.reason()).isEqualTo(BLOCKED);
        assertThat(invalid.hard()).isFalse();
    }

    @Test
    void orangesCodesShouldBeReadFromTheirLastThreeDigitsWhateverTheGenericTextBesideThem() {
        List<Reply> orange = List.of(
                r(421, null, "421 mwinf5c20 ME Service refuse. Veuillez essayer plus tard. Service refused, please try "
                        + "later. OFR004_103 [103]", BLOCKED),
                r(421, null, "421 mwinf5c21 ME Trop de connexions, veuillez verifier votre configuration. Too many "
                        + "connections, slow down. OFR004_104 [104]", TOO_MANY_CONN),
                r(550, "5.5.0", "550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. "
                        + "LPN007_426", SUSPEND),
                r(421, "4.2.0", "421 4.2.0 Service refuse. Veuillez essayer plus tard. Service refused, please try later. "
                        + "OFR005_505 [505]", SYSTEM_ERROR),
                r(550, null, "550 Mail rejete. Mail rejected. OFR_506 [506]", SPAM_DETECTED),
                r(421, null, "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. OFR_999 [999]", BLOCKED),
                r(550, "5.5.0", "550 5.5.0 SPF: news@shop.example.net is not allowed to send mail. LPN004_401",
                        AUTH_FAILURE));
        assertThat(misread(classifier, orange)).isEmpty();
        // the prefix inside a word, a fourth digit, or a code the pages leave open decide nothing
        OrangeReplyCodes codes = new OrangeReplyCodes();
        assertThat(codes.reasonIn("421 service refused. xofr_102")).isEmpty();
        assertThat(codes.reasonIn("421 service refused. ofr_1020")).isEmpty();
        assertThat(codes.reasonIn("421 veuillez essayer plus tard. lpn003_109")).isEmpty();
        assertThat(codes.reasonIn("550 mail rejete. ofr-506")).isEmpty();
        assertThat(codes.reasonIn("421 too many connections, slow down. lpn105-104")).contains(TOO_MANY_CONN);
    }

    @Test
    void withholdingAProvidersFamilySwitchesItsRulesAndCodeFormatsOff() {
        ReasonClassifier withoutOrange = new ReasonClassifier(RuleSelection.without(MtaFamily.ORANGE_LAPOSTE));
        assertThat(withoutOrange.classify(550, null, "550 Mail rejete. Mail rejected. OFR_506 [506]").reason())
                .isNotEqualTo(SPAM_DETECTED);
        ReasonClassifier withoutFacebook = new ReasonClassifier(RuleSelection.without(MtaFamily.FACEBOOK));
        assertThat(withoutFacebook.classify(550, null, "550 POL-P5 https://www.facebook.com/postmaster/response_codes")
                .reason()).isNotEqualTo(VIRUS_DETECTED);
        ReasonClassifier withoutIua = new ReasonClassifier(RuleSelection.without(MtaFamily.IUA));
        assertThat(withoutIua.classify(550, null, "550 Mailbox was not used for more than 3 months. http://mail.i.ua/err/3/")
                .reason()).isNotEqualTo(SUSPEND);
        for (ProviderRules.ProviderRule r : ReceivingHostRules.all()) {
            assertThat(r.decisive()).as(r.name()).isTrue();
        }
    }

    @Test
    void noDecisivePhraseOfAnyProviderShouldContainAnotherThatNamesADifferentReason() {
        // the first decisive rule found decides: two phrases inside one another would make the order matter
        List<ProviderRules.ProviderRule> decisive = ProviderRules.all().stream().filter(ProviderRules.ProviderRule::decisive)
                .toList();
        for (ProviderRules.ProviderRule a : decisive) {
            for (ProviderRules.ProviderRule b : decisive) {
                if (a.reason() == b.reason()) {
                    continue;
                }
                for (String p : a.phrases()) {
                    for (String q : b.phrases()) {
                        assertThat(p.contains(q.strip())).as(a.name() + " '" + p + "' contains " + b.name() + " '" + q + "'")
                                .isFalse();
                    }
                }
            }
        }
    }
}
