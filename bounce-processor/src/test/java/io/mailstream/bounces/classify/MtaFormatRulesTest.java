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
 * Rules learned from the formats of on-premises MTAs and from the documented definitions of the
 * Sisimai reasons (issue 16, the older unseen set): each text is synthetic, written from the MTA's
 * documented wording (Exchange's NDR codes, Domino's router texts, Exim's and Sendmail's sources,
 * RFC 4954, Postfix's postconf(5)), not taken from any sample collection.
 */
class MtaFormatRulesTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification failed(String status, Integer code, String diagnostic) {
        return failed(classifier, status, code, diagnostic);
    }

    private static Classification failed(ReasonClassifier c, String status, Integer code, String diagnostic) {
        return c.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                code == null ? OptionalInt.empty() : OptionalInt.of(code), diagnostic, diagnostic);
    }

    @Test
    void exchangesOwnCodesShouldNameTheReasonBeforeTheGenericStatusBesideThem() {
        // Exchange 2003: the X.400 diagnostic code on the MSEXCH line (000C0595: ambiguous recipient)
        assertThat(failed(null, null, "The recipient name is ambiguous MSEXCH:IMS:Example:Site:EXCH 0 (000C0595) "
                + "Ambiguous Recipient").reason()).isEqualTo(BounceReason.FILTERED);
        // Exchange 2007+: the detail name decides, not the 5.2.0 beside it (which alone reads as filtered)
        assertThat(failed("5.2.0", 550, "#550 5.2.0 RESOLVER.ADR.BadPrimary; the primary address is invalid ##")
                .reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        // 5.4.4 alone is "unable to route" (host unknown, hard); MxLoopback says the MX points back to itself
        Classification loopback = failed("5.4.4", 554, "554 5.4.4 SMTPSEND.DNS.MxLoopback; DNS records for the "
                + "destination computer are misconfigured");
        assertThat(loopback.reason()).isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(loopback.hard()).isFalse();
        assertThat(failed("4.2.0", 452, "452 4.2.0 Recipient deferred because there is no Mdb").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed(null, null, "MSEXCH:IMS:Example:Site:EXCH 0 (000B0981) 502 Server does not support AUTH")
                .reason()).isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(failed(null, null, "MSEXCH:IMS:Example:Site:EXCH 0 (00010256) Too many recipients").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed(null, null, "MSEXCH:IMS:Example:Site:EXCH 0 (00050311) Conversion to Internet format failed")
                .reason()).isEqualTo(BounceReason.CONTENT_ERROR);
    }

    @Test
    void withholdingAFamilyShouldSwitchItsOwnCodesOff() {
        ReasonClassifier withoutMicrosoft = new ReasonClassifier(RuleSelection.without(MtaFamily.MICROSOFT));
        assertThat(failed(withoutMicrosoft, "5.2.0", 550, "#550 5.2.0 RESOLVER.ADR.BadPrimary; the primary address "
                + "is invalid ##").reason()).isNotEqualTo(BounceReason.SYSTEM_ERROR);
        ReasonClassifier withoutDomino = new ReasonClassifier(RuleSelection.without(MtaFamily.DOMINO));
        assertThat(failed(withoutDomino, null, null, "Several matches found in Domino Directory.").reason())
                .isNotEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void dominoAndNotesRouterTextsShouldNameTheirReasons() {
        assertThat(failed(null, null, "Cannot route mail to user (someone@example.org)").reason())
                .isEqualTo(BounceReason.FILTERED);
        assertThat(failed(null, null, "Several matches found in Domino Directory.").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed(null, null, "Message has exceeded maximum hop count").reason())
                .isEqualTo(BounceReason.NETWORK_ERROR);
    }

    @Test
    void eximsAndImailsOwnTextsShouldNameTheirReasons() {
        // Exim deliver.c refuses a message with too many Received: headers for its header, before routing
        assertThat(failed(null, null, "Too many \"Received\" headers - suspected mail loop").reason())
                .isEqualTo(BounceReason.CONTENT_ERROR);
        assertThat(failed(null, null, "User mailbox exceeds allowed size: someone@example.org").reason())
                .isEqualTo(BounceReason.MAILBOX_FULL);
    }

    @Test
    void aRefusedSmtpLoginShouldBeASecurityErrorNotAnSpfOrDkimFailure() {
        // Postfix's SMTP client reporting its own failed SASL login (RFC 4954 §6: 535 5.7.8)
        Classification sasl = failed("5.7.8", 535, "SASL authentication failed; server smtp.example.org[192.0.2.1] "
                + "said: 535 5.7.8 Error: authentication failed: authentication failure");
        assertThat(sasl.reason()).isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(failed("5.0.0", 550, "550 authentication failure").reason()).isEqualTo(BounceReason.SECURITY_ERROR);
        assertThat(failed("5.0.0", 553, "553 sorry, you don't authenticate or the domain isn't in my list of "
                + "allowed rcpthosts (#5.7.1)").reason()).isEqualTo(BounceReason.SECURITY_ERROR);
        // SPF / DKIM / DMARC results stay authfailure; a relay refusal stays norelaying
        assertThat(failed("5.7.1", 550, "550 5.7.1 SPF authentication failed for example.com").reason())
                .isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(failed("5.7.1", 550, "550 5.7.1 Relaying denied. Proper authentication required.").reason())
                .isEqualTo(BounceReason.NO_RELAYING);
    }

    @Test
    void documentedSenderRefusalsShouldBeRejectedAndNeverARecipientReason() {
        // Sendmail's check_mail ruleset, said under a vague status: the domain is the sender's
        Classification domain = failed("5.0.0", 553, "553 <s@example.invalid>... Domain of sender address "
                + "s@example.invalid does not exist");
        assertThat(domain.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(domain.hard()).isFalse();
        assertThat(failed("5.0.0", 550, "550 Unroutable sender address").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.0.0", 550, "550 Returned mail not accepted here").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.0.0", 550, "550 BATV failed to verify").reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(failed("5.0.0", 550, "550 Sender address has been blacklisted").reason())
                .isEqualTo(BounceReason.REJECTED);
        // before any recipient reason: a user-unknown status and wording beside it are the sender's
        Classification beside = failed("5.1.1", 550, "550 5.1.1 Sender verify failed: user unknown");
        assertThat(beside.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(beside.hard()).isFalse();
    }

    @Test
    void sendmailsHostNotFoundFromTheNameServerShouldBeHostUnknownButALookupFailureIsNot() {
        // sendmail err.c: "host not found" is HOST_NOT_FOUND (NXDOMAIN), "host name lookup failure" TRY_AGAIN
        Classification nx = failed("5.1.2", 550, "550 5.1.2 <a@nx.example.org>... Host unknown (Name server: "
                + "nx.example.org: host not found)");
        assertThat(nx.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(nx.hard()).isTrue();
        assertThat(failed("4.4.3", 451, "451 4.4.3 <a@example.org>... Host unknown (Name server: example.org: "
                + "host name lookup failure)").hard()).isFalse();
    }

    @Test
    void postfixsHeloRestrictionAnsweredAtRcptShouldBeBlockedNotHostUnknown() {
        // postconf(5) smtpd_helo_restrictions with smtpd_delay_reject: judged the client's HELO name
        Classification helo = failed("5.7.1", 550, "host mx.example.org[192.0.2.1] said: 550 5.7.1 <mail.example.com>: "
                + "Helo command rejected: Host not found (in reply to RCPT TO command)");
        assertThat(helo.reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(helo.hard()).isFalse();
    }

    @Test
    void aLoopInTheReceiversOwnConfigurationShouldBeASystemErrorAndARoutingLoopANetworkError() {
        assertThat(failed("5.0.0", 554, "554 5.0.0 aliasing/forwarding loop broken").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.0.0", 550, "550 it would create a mail loop").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.0.0", 550, "550 queue file write error").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.4.6", 554, "554 5.4.6 mail forwarding loop for a@example.org").reason())
                .isEqualTo(BounceReason.NETWORK_ERROR);
    }

    @Test
    void aVerdictOnTheSendingIpShouldBeBlockedAndOnTheMessageSpamDetected() {
        assertThat(failed("5.0.0", 550, "550 too many spams from your IP (192.0.2.9)").reason())
                .isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.0.0", 550, "550 Sender IP address rejected").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.0.0", 550, "550 Bad sender IP address").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.7.1", 550, "550 5.7.1 Message rejected as spam by Content Filtering").reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(failed("5.0.0", 550, "550 you have been blocked by the recipient").reason())
                .isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void aQueueLifetimeRunOutInSendmailsOrExchangesWordsShouldBeExpired() {
        assertThat(failed("5.0.0", null, "Cannot send message for 5 days").reason()).isEqualTo(BounceReason.EXPIRED);
        assertThat(failed("5.0.0", null, "Could not deliver the message in the time limit specified. Please retry "
                + "or contact your administrator.").reason()).isEqualTo(BounceReason.EXPIRED);
    }

    @Test
    void theReceiversOwnFaultInItsOwnWordsShouldBeASystemError() {
        assertThat(failed("5.0.0", 554, "554 5.0.0 Interrupted system call").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.0.0", 550, "550 remote server is misconfigured").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void oneMailboxNotAcceptingAnyMailShouldBeFilteredAndSoftNotANullMx() {
        Classification c = failed("5.0.0", 550, "550 nobody@example.org is not accepting any mail");
        assertThat(c.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void sendmailsOpenProxyRefusalShouldBeBlocked() {
        assertThat(failed("5.0.0", 550, "550 Rejecting open proxy 192.0.2.9").reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aRefusalCitingAnOlderIpBlockListShouldBeBlocked() {
        assertThat(failed("5.7.1", 550, "550 5.7.1 Mail from 192.0.2.9 refused, see http://dsbl.org/listing?192.0.2.9")
                .reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed("5.3.0", 553, "553 5.3.0 <s@example.com>... Mail from 192.0.2.9 rejected;see "
                + "http://njabl.org/lookup?192.0.2.9").reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void exchangesRoutingLoopSentenceUnder546ShouldBeANetworkError() {
        assertThat(failed("5.4.6", null, "A configuration error in the e-mail system caused the message to bounce "
                + "between two servers or to be split into too many segments. <mx.example.net #5.4.6>").reason())
                .isEqualTo(BounceReason.NETWORK_ERROR);
    }

    @Test
    void qmailEximCourierAndOpenSmtpdSentencesShouldNameTheirReasons() {
        // qmail-remote.c: DNS_SOFT keeps its transient status (never hard), DNS_HARD is a hard host unknown
        // (the text reader takes the status from qmail's "(#4.1.2)")
        Classification soft = failed("4.1.2", null, "Sorry, I couldn't find any host by that name. (#4.1.2) "
                + "I'm not going to try again; this message has been in the queue too long.");
        assertThat(soft.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(soft.hard()).isFalse();
        assertThat(failed(null, null, "Illegal value in LDAP attribute (#5.3.5)").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        // the directory behind the mailbox unreachable, in any MTA's words: the receiver's own fault
        assertThat(failed("4.4.3", null, "Unable to contact LDAP server. (#4.4.3) I'm not going to try again; "
                + "this message has been in the queue too long.").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.0.0", null, "all host address lookups failed permanently").reason())
                .isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(failed("5.0.0", null, "delivery to pipe forbidden").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("5.0.0", null, "This domain's DNS violates RFC 1035.").reason())
                .isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed("4.0.0", null, "All routes to destination blocked").reason())
                .isEqualTo(BounceReason.NETWORK_ERROR);
        assertThat(failed("5.0.0", null, "Could not retrieve credentials").reason())
                .isEqualTo(BounceReason.SECURITY_ERROR);
    }

    @Test
    void qmailsOwnDeliveryProgramFailuresShouldBeSystemErrorsNeverAHardUnroutableDomain() {
        // qmail-ldap's forwarding program failed: its #5.4.4 is that failure's code, not "unable to route"
        Classification forward = failed("5.4.4", null, "Permanent error while executing qmail-forward (#5.4.4)");
        assertThat(forward.reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(forward.hard()).isFalse();
        // a delivery program the shell could not start, as qmail-local returns its error
        assertThat(failed(null, null, "/bin/sh: /usr/local/bin/deliver-hook: bad interpreter: No such file or directory")
                .reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(failed(new ReasonClassifier(RuleSelection.without(MtaFamily.QMAIL)), "5.4.4", null,
                "Permanent error while executing qmail-forward (#5.4.4)").reason()).isNotEqualTo(BounceReason.SYSTEM_ERROR);
    }

    @Test
    void imailsGaveUpAfterRetriesLineShouldBeExpiredWhateverTheCount() {
        // IMail's "<reason>: <address>" report line for a message whose retries ran out
        assertThat(failed(null, null, "Delivery failed 12 attempts: nobody@example.org").reason())
                .isEqualTo(BounceReason.EXPIRED);
        assertThat(failed(null, null, "Delivery failed: nobody@example.org").reason())
                .as("no retry count, no verdict from the format").isNotEqualTo(BounceReason.EXPIRED);
        assertThat(failed(new ReasonClassifier(RuleSelection.without(MtaFamily.IMAIL)), null, null,
                "Delivery failed 12 attempts: nobody@example.org").reason()).isNotEqualTo(BounceReason.EXPIRED);
    }

    @Test
    void ezwebsTemporarilyLimitedAccountShouldBeSuspendedAndSoft() {
        Classification limited = failed(null, null, "The user(s) account is temporarily limited.");
        assertThat(limited.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(limited.hard()).isFalse();
        assertThat(failed(new ReasonClassifier(RuleSelection.without(MtaFamily.JAPANESE_CARRIER)), null, null,
                "The user(s) account is temporarily limited.").reason()).isNotEqualTo(BounceReason.SUSPEND);
    }
}
