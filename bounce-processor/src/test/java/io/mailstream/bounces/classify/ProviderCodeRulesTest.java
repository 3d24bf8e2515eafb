package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Providers' own error codes decide their reply's reason before the wording around them (issue 16,
 * {@link ProviderCodeRules}). Every reply here is written from the provider's published error page
 * (cited in the rule), none is taken from a bounce corpus; each would be decided otherwise without its
 * rule, mostly by the general wording beside the code ("for policy reasons", "sender rejected",
 * "deferred", "IP address").
 */
class ProviderCodeRulesTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification reply(int code, String status, String text) {
        return classifier.classify(code, status, text);
    }

    /** As a relay quotes the reply in a DSN, with the command it answered (Postfix's wording). */
    private Classification relayed(String status, String diagnostic, String context) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                OptionalInt.empty(), diagnostic, context);
    }

    @Test
    void outlookComsCodesShouldOutrankThePolicyWordingAndTheCommandBesideThem() {
        Classification sc002 = reply(550, null, "550 SC-002 Mail rejected by Outlook.com for policy reasons. The mail "
                + "server IP connecting to Outlook.com has exhibited namespace mining behavior.");
        assertThat(sc002.reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(sc002.hard()).isFalse();
        assertThat(reply(550, null, "550 OU-001 Mail rejected by Outlook.com for policy reasons.").reason())
                .isEqualTo(BounceReason.BLOCKED);
        // said to MAIL FROM, a refusal without host words would be about the sender; the code says the host
        assertThat(relayed("5.0.0", "550 DY-001 Mail rejected by Outlook.com for policy reasons.",
                "host mx1.hotmail.com said: 550 DY-001 Mail rejected by Outlook.com for policy reasons. "
                        + "(in reply to MAIL FROM command)").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(421, null, "421 RP-003 (COL0-MC2-F1) Unfortunately, some messages from 192.0.2.1 weren't sent. "
                + "Please try again.").reason()).isEqualTo(BounceReason.TOO_MANY_CONN);
        // a code's letters inside a host name are no code
        assertThat(reply(421, null, "421 4.3.2 Service not available, closing transmission channel (mx.corp-001.example.net)")
                .reason()).isNotEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void exchangeOnlinesOwnConnectionFailureShouldBeANetworkErrorNotABlockedIp() {
        Classification c = reply(451, "4.4.0", "451 4.4.0 Primary target IP address responded with: \"421 4.4.0 Unable to "
                + "connect.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate "
                + "hosts, or delivery failed to all alternate hosts.");
        assertThat(c.reason()).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void exchangeOnlinesSenderSideCodesShouldBeRejectedAndItsSendingLimitsSpeeding() {
        assertThat(reply(550, "5.7.750", "550 5.7.750 Service unavailable. Client blocked from sending from unregistered "
                + "domains.").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.133", "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication "
                + "required; Delivery restriction check failed because the sender was not authenticated when sending to "
                + "this group").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.12", "550 5.7.12 The sender was not authenticated by organization.").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.501", "550 5.7.501 Access denied, spam abuse detected. The sending account has been "
                + "banned due to detected spam activity.").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.510", "550 5.7.510 Access denied, example.org does not accept email over IPv6").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, "5.7.124", "550 5.7.124 RESOLVER.RST.SenderNotInAllowedSendersList; sender not in "
                + "allowed-senders list").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.2.2", "550 5.2.2 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
                + "process message due to a permanent exception with message Submission quota exceeded").reason())
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(550, "5.1.90", "550 5.1.90 Your message can't be sent because you've reached your daily limit "
                + "for message recipients.").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(550, "5.7.508", "550 5.7.508 Access denied, [192.0.2.1] has exceeded permitted limits within "
                + "2001:db8::/48 range").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(450, "4.4.318", "450 4.4.318 Connection was closed abruptly (SuspiciousRemoteServerError)")
                .reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void yandexsNoSuchUserUnderAPolicyStatusShouldStillBeAnUnknownUser() {
        Classification c = reply(550, "5.7.1", "550 5.7.1 No such user!");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
        assertThat(c.evidence().providerRule()).contains("yandex/userunknown");
        assertThat(reply(550, "5.7.1", "550 5.7.1 Policy rejection on the target address").reason())
                .isEqualTo(BounceReason.SUSPEND);
    }

    @Test
    void spectrumsAupCodesShouldBeReadByTheirDocumentedRangesWhateverTheTextSays() {
        assertThat(reply(550, "5.1.0", "550 5.1.0 <bounce@example.com> sender rejected. Please see "
                + "https://www.spectrum.net/support/internet/understanding-email-error-codes for more information. "
                + "AUP#In-1310").reason()).isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(reply(554, null, "554 5.7.1 rejected, see https://www.spectrum.net/support/internet/"
                + "understanding-email-error-codes AUP#I-1220").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(552, null, "552 message rejected AUP#O-1530").reason()).isEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(reply(421, null, "421 4.7.0 deferred, try again later AUP#In-1400").reason())
                .isEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void coxsAupCodesShouldBeReadAsDocumented() {
        assertThat(reply(554, null, "554 cox.net rejected - see https://www.cox.com/residential/support/email-error-codes "
                + "AUP#CXCNCT").reason()).isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(reply(554, null, "554 cox.net rejected - see https://www.cox.com/residential/support/email-error-codes "
                + "AUP#CXDNS").reason()).isEqualTo(BounceReason.REQUIRE_PTR);
        assertThat(reply(554, null, "554 cox.net rejected - see https://www.cox.com/residential/support/email-error-codes "
                + "AUP#URLBL011").reason()).isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void yahoosTagsShouldBeReadAsDocumentedAndItsDdUserUnknownBelievedEvenAfterData() {
        assertThat(reply(553, "5.7.2", "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; "
                + "Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(421, null, "421 Max message per connection reached, closing transmission channel").reason())
                .isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(reply(421, "4.7.0", "421 4.7.0 [TS01] Messages from 192.0.2.1 temporarily deferred due to user "
                + "complaints - 4.16.56.1; see https://help.yahoo.com/kb/postmaster").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(451, null, "451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see "
                + "https://senders.yahooinc.com/error-codes").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, "5.7.9", "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo "
                + "requires all senders to authenticate with either SPF or DKIM.").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
        Classification aol = relayed("5.0.0", "552 1 Requested mail action aborted, mailbox not found",
                "host mx.aol.com said: 552 1 Requested mail action aborted, mailbox not found (in reply to end of DATA command)");
        assertThat(aol.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        Classification dd = relayed("5.0.0", "554 delivery error: dd This user doesn't have a yahoo.com account "
                        + "(nobody@yahoo.com) [0] - mta1.mail.example.yahoo.com",
                "host mta5.am0.yahoodns.net said: 554 delivery error: dd This user doesn't have a yahoo.com account "
                        + "(in reply to end of DATA command)");
        assertThat(dd.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(dd.hard()).isTrue();
    }

    @Test
    void aolsBlockCodesShouldJudgeTheSendingHostAndItsContentCode() {
        assertThat(reply(554, null, "554- (RTR:BB) http://postmaster.info.aol.com/errors/554rtrbb.html").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(554, null, "554 RLY:B1 http://postmaster.info.aol.com/errors/554rlyb1.html").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(421, null, "421 DYN:T1 http://postmaster.info.aol.com/errors/421dynt1.html").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(554, null, "554 TRANSACTION FAILED - (HVU:B1) http://postmaster.info.aol.com/errors/554hvub1.html")
                .reason()).isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void mimecastsPublishedRepliesShouldHaveTheirDocumentedReasons() {
        assertThat(reply(550, null, "550 Administrative prohibition - envelope blocked").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, null, "550 SPF Sender Invalid - envelope rejected").reason())
                .isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reply(451, null, "451 Account service is temporarily unavailable").reason())
                .isEqualTo(BounceReason.TOO_MANY_CONN);
        assertThat(reply(554, null, "554 Email rejected due to security policies - https://community.mimecast.com/docs/"
                + "DOC-1369#554").reason()).isEqualTo(BounceReason.VIRUS_DETECTED);
        assertThat(reply(554, null, "554 Maximum email size exceeded").reason()).isEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(reply(550, null, "550 Anti-Spoofing policy - inbound not allowed").reason())
                .isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(reply(451, null, "451 Unable to process connection at this time").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(reply(451, null, "451 Account inbounds disabled").reason()).isEqualTo(BounceReason.NOT_ACCEPT);
        assertThat(reply(553, null, "553 This route requires encryption (TLS)").reason())
                .isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(reply(550, null, "550 DKIM Sender Invalid - envelope rejected").reason())
                .isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reply(550, null, "550 Exceeding outbound thread limit").reason()).isEqualTo(BounceReason.TOO_MANY_CONN);
    }

    @Test
    void gmailsDocumentedRepliesShouldHaveTheirOwnReasonsNotTheirStatusOrWording() {
        assertThat(reply(550, "5.7.30", "550 5.7.30 This mail has been blocked because DKIM does not pass. Gmail requires "
                + "all large senders to authenticate with DKIM.").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reply(421, "4.7.32", "421 4.7.32 Your email has been rate limited because the From: header (RFC5322) "
                + "in this message isn't aligned with either the authenticated SPF or DKIM organizational domain.").reason())
                .isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reply(421, "4.7.28", "421 4.7.28 Our system has detected an unusual rate of unsolicited mail "
                + "originating from your IP address. To protect our users from spam, mail sent from your IP address has "
                + "been temporarily rate limited.").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, "5.7.1", "550 5.7.1 Our system has detected that this message is likely unsolicited mail. "
                + "To reduce the amount of spam sent to Gmail, this message has been blocked.").reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(reply(421, "4.7.0", "421 4.7.0 Try again later, closing connection.").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(501, "5.5.4", "501 5.5.4 HELO/EHLO argument is invalid.").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, "5.7.1", "550 5.7.1 Messages missing a valid Message-ID: header are not accepted.").reason())
                .isEqualTo(BounceReason.NOT_COMPLIANT_RFC);
        assertThat(reply(554, "5.6.0", "554 5.6.0 Mail message is malformed. Not accepted.").reason())
                .isEqualTo(BounceReason.NOT_COMPLIANT_RFC);
        assertThat(reply(552, "5.7.0", "552 5.7.0 Our system detected an illegal attachment on your message.").reason())
                .isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(reply(421, "4.7.28", "421 4.7.28 Gmail has detected this message exceeded its quota for sending "
                + "messages with the same Message-ID:.").reason()).isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(reply(450, "4.2.1", "450 4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary "
                + "error.").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(550, "5.4.5", "550 5.4.5 Daily user sending limit exceeded.").reason())
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(451, "4.3.0", "451 4.3.0 Multiple destination domains per transaction is unsupported. Please try "
                + "again.").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(reply(421, "4.7.29", "421 4.7.29 Your email has been rate limited because this message wasn't sent over "
                + "a TLS connection. Gmail requires all bulk email senders to use TLS/SSL for SMTP connections.").reason())
                .isEqualTo(BounceReason.FAILED_STARTTLS);
    }

    @Test
    void tencentsOrangesAndMailgunsOwnTextsShouldHaveTheirDocumentedReasons() {
        assertThat(reply(550, null, "550 Suspected spam ip, please try later. https://service.mail.qq.com/detail/122/66")
                .reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(550, null, "550 Mail content denied. https://service.mail.qq.com/detail/122/171").reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(reply(550, null, "550 Mail is rejected by recipients. https://service.mail.qq.com/detail/122/92").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(550, null, "550 nobody@qq.com is a deactivated mailbox").reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(reply(550, "5.5.3", "550 5.5.3 Mail from not owned by user. LPN105_421").reason())
                .isEqualTo(BounceReason.REJECTED);
        Classification complained = reply(550, null, "550 Not delivering to a user who marked your messages as spam");
        assertThat(complained.reason()).isEqualTo(BounceReason.SUPPRESSED);
        assertThat(complained.hard()).isFalse();
        assertThat(reply(550, null, "550 Not delivering to previously bounced address").reason())
                .isEqualTo(BounceReason.SUPPRESSED);
    }

    @Test
    void goDaddysIbCodesAndZohosDomainRefusalShouldBeReadAsDocumented() {
        Classification invalidRecipients = reply(554, null, "554 This IP has been temporarily blocked for attempting to "
                + "mail too many invalid recipients. IB112");
        assertThat(invalidRecipients.reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(invalidRecipients.hard()).isFalse();
        assertThat(reply(550, null, "550 This IP has sent too many to too many recipients this hour. IB607").reason())
                .isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(550, null, "550 This message has exceeded the max number of messages per session. Open a new "
                + "session and try again. IB510").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(535, null, "535 Authentication not allowed on IBSMTP Servers. IB401").reason())
                .isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(reply(550, null, "550 nobody@example.com Blank From: addresses are not allowed. Provide a valid From. "
                + "IB501").reason()).isEqualTo(BounceReason.NOT_COMPLIANT_RFC);
        assertThat(reply(550, null, "550 nobody@example.com Invalid SPF record. Inspect your SPF settings, and try again. "
                + "IB508").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(reply(550, null, "550 example.com From: Domain is invalid. Provide a valid From: IB506").reason())
                .isEqualTo(BounceReason.REJECTED);
        assertThat(reply(541, "5.4.1", "541 5.4.1 Mail rejected by destination domain").reason())
                .isEqualTo(BounceReason.REJECTED);
    }

    @Test
    void netEasesCodesShouldBeReadAsDocumentedNotAllAsSpamBecauseOfTheirHelpLink() {
        String help = " 163 mx1,abc 1528450981, please see http://mail.163.com/help/help_spam_16.htm?ip=192.0.2.1";
        assertThat(reply(554, null, "554 HL:IHU" + help).reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(554, null, "554 HL:IPB" + help).reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(reply(554, null, "554 DT:SUM" + help).reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(reply(554, null, "554 MI:STC" + help).reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(reply(554, null, "554 DT:SPM" + help).reason()).isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void gmxsSpfRefusalShouldBeAnAuthFailureNotAPolicy() {
        assertThat(reply(550, null, "550 <nobody@gmx.de>: Reject due to SPF policy. The originating IP of the message is "
                + "not permitted by the domain owner").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void icloudsAuthenticationTagShouldBeAnAuthFailureNotABlock() {
        assertThat(reply(554, "5.7.1", "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM "
                + "authentication checks.").reason()).isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void withholdingAProvidersFamilySwitchesItsCodesOffForTheLeaveOneFamilyOutEvaluation() {
        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.US_CABLE_ISP));
        assertThat(without.classify(550, "5.1.0", "550 5.1.0 <bounce@example.com> sender rejected. AUP#In-1310").reason())
                .isNotEqualTo(BounceReason.TOO_MANY_CONN);
        for (ProviderRules.ProviderRule r : ProviderCodeRules.all()) {
            assertThat(r.decisive()).as(r.name()).isTrue();
        }
    }
}
