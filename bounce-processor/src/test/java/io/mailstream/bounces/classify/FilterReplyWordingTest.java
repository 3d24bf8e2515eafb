package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.SoftDiagnostics.assertSoft;

import io.mailstream.bounces.BounceReason;
import org.junit.jupiter.api.Test;

/**
 * What content filters, policy daemons and small MTAs answer when they refuse (issue 16, branch {@code flt};
 * {@link FilterReplyWording}, {@link ContentScannerReplies}). Each text is synthetic, written in the form the
 * program's source or documentation gives its reply, and classified twice where the stage matters: as a
 * Postfix DSN names it ("(in reply to RCPT TO command)") and as a relay quotes it without the command.
 * None is hard: a filter's refusal says nothing about the address.
 */
class FilterReplyWordingTest {
    @Test
    void greylistingShouldBeTheClientsSoftRefusalEvenUnderRecipientAddressRejected() {
        // postgrey's default reply, as Postfix's check_policy_service writes it at RCPT TO
        assertSoft("4.2.0", 450, "450 4.2.0 <ann@example.org>: Recipient address rejected: Greylisted, see "
                + "http://postgrey.schweikert.ch/help/example.org.html", BounceReason.BLOCKED);
        assertSoft("4.2.0", 450, "450 4.2.0 <ann@example.org>: Recipient address rejected: Greylisted, see "
                + "http://postgrey.schweikert.ch/help/example.org.html (in reply to RCPT TO command)", BounceReason.BLOCKED);
        assertSoft("4.0.0", 451, "451 Temporarily graylisted, please retry in 10 minutes", BounceReason.BLOCKED);
    }

    @Test
    void aHeloHostJudgedOrAClientThatTalkedTooSoonShouldBeBlockedWithoutTheCommand() {
        assertSoft("5.7.1", 550, "550 5.7.1 HELO host must be a FQDN or address literal", BounceReason.BLOCKED);
        assertSoft("5.7.1", 550, "550 5.7.1 Invalid HELO host; not resolvable", BounceReason.BLOCKED);
        assertSoft("5.7.1", 554, "554 5.7.1 You talk too soon", BounceReason.BLOCKED);
    }

    @Test
    void aKarmaScoreShouldBeBadReputation() {
        assertSoft("5.7.1", 550, "550 5.7.1 very bad karma score", BounceReason.BAD_REPUTATION);
        assertSoft("5.7.1", 550, "550 5.7.1 Your karma is too low (in reply to MAIL FROM command)", BounceReason.BAD_REPUTATION);
    }

    @Test
    void anAttachmentRefusedByItsTypeOrNameShouldBePolicyViolation() {
        assertSoft("5.7.1", 550, "550 5.7.1 Message contains unacceptable attachment (.scr)", BounceReason.POLICY_VIOLATION);
        assertSoft("5.7.1", 554, "554 5.7.1 Bad attachment type -- attachments of type .exe are not allowed",
                BounceReason.POLICY_VIOLATION);
        assertSoft("5.7.1", 554, "554 5.7.1 Message rejected because of policy (blocked attachment)", BounceReason.POLICY_VIOLATION);
        assertSoft("5.7.1", 550, "550 5.7.1 Message rejected: contains dangerous content (MailScanner)", BounceReason.POLICY_VIOLATION);
    }

    @Test
    void aRequiredHeaderMissingShouldBeNotCompliantRfc() {
        assertSoft("5.6.0", 550, "550 5.6.0 Required header 'Date' missing", BounceReason.NOT_COMPLIANT_RFC);
        assertSoft("5.0.0", 554, "554 Rejected: From header is missing", BounceReason.NOT_COMPLIANT_RFC);
    }

    @Test
    void aNullSenderRefusedShouldBeRejected() {
        assertSoft("5.7.1", 550, "550 5.7.1 No bounces accepted here", BounceReason.REJECTED);
    }

    @Test
    void aNullSenderRefusedByAListShouldBeRejected() {
        assertSoft("5.0.0", 550, "550 mailing lists do not accept null senders", BounceReason.REJECTED);
    }

    @Test
    void aContentScanThatFailedWithoutAnyVerdictWordShouldBeSystemError() {
        assertSoft("4.3.0", 451, "451 4.3.0 Content scan failed, try again later", BounceReason.SYSTEM_ERROR);
        assertSoft("4.0.0", 451, "451 Scanner unavailable, please retry", BounceReason.SYSTEM_ERROR);
    }

    @Test
    void harakasDefaultRecipientRefusalShouldBeNoRelaying() {
        assertSoft("5.0.0", 550, "550 I cannot deliver mail for <ann@example.org>", BounceReason.NO_RELAYING);
    }

    @Test
    void theSpfProjectsExplanationPageShouldBeAuthFailureNeverAnUnknownUser() {
        // the Perl policyd-spf's reply under Postfix's "Recipient address rejected:" was read as a hard unknown user
        assertSoft("5.7.1", 550, "550 5.7.1 <ann@example.org>: Recipient address rejected: Please see "
                + "http://www.openspf.org/why.html?sender=news%40shop.example.net&ip=192.0.2.25 (in reply to RCPT TO command)",
                BounceReason.AUTH_FAILURE);
        assertSoft("5.7.1", 550, "550 5.7.1 <ann@example.org>: Recipient address rejected: Please see "
                + "http://www.openspf.net/Why?s=mfrom;id=news@shop.example.net;ip=192.0.2.25", BounceReason.AUTH_FAILURE);
        assertSoft("5.7.1", 550, "550 5.7.1 Sender refused. Please see http://www.open-spf.org/Why?s=mfrom;id=news@shop.example.net",
                BounceReason.AUTH_FAILURE);
    }

    @Test
    void eximsOwnRequiredTlsSessionThatCouldNotStartShouldBeFailedStarttls() {
        assertSoft("4.7.5", 0, "a TLS session is required, but the server did not offer TLS support", BounceReason.FAILED_STARTTLS);
        assertSoft("4.7.5", 0, "a TLS session is required, but an attempt to start TLS failed", BounceReason.FAILED_STARTTLS);
    }

    @Test
    void amavisCategoryShouldBeTheVerdict() {
        assertSoft("5.7.0", 554, "554 5.7.0 Reject, id=04211-17 - BANNED: P=p003,L=1,M=application/x-msdownload,T=exe,N=a.exe",
                BounceReason.POLICY_VIOLATION);
        assertSoft("5.7.0", 554, "554 5.7.0 Reject, id=04211-18 - BAD_HEADER: Non-encoded 8-bit data (char C3 hex)",
                BounceReason.CONTENT_ERROR);
        assertSoft("5.7.0", 554, "554 5.7.0 Reject, id=04211-19 - SPAM", BounceReason.SPAM_DETECTED);
        assertSoft("5.7.0", 554, "554 5.7.0 Reject, id=04211-20 - INFECTED: Win.Test.EICAR_HDB-1", BounceReason.VIRUS_DETECTED);
    }

    @Test
    void aScannerThatFailedShouldBeSystemErrorNotItsVerdict() {
        assertSoft("4.0.0", 451, "451 Virus scanner error", BounceReason.SYSTEM_ERROR);
        assertSoft("4.0.0", 451, "451 Error connecting to virus scanner", BounceReason.SYSTEM_ERROR);
        assertSoft("4.5.0", 451, "451 4.5.0 Error in processing, id=04211-21, spam_scan FAILED: timed out", BounceReason.SYSTEM_ERROR);
        // a scanner that found something keeps its verdict
        assertSoft("5.7.1", 550, "550 5.7.1 Virus scanner found Eicar-Test-Signature", BounceReason.VIRUS_DETECTED);
    }

    @Test
    void aBlockListOfTheMessagesLinksShouldBeSpamDetectedNotBlocked() {
        assertSoft("5.7.1", 550, "550 5.7.1 Message contains a URL listed on dbl.spamhaus.org", BounceReason.SPAM_DETECTED);
        assertSoft("5.7.1", 554, "554 5.7.1 Rejected: link listed in multi.surbl.org", BounceReason.SPAM_DETECTED);
        // the client listed stays blocked
        assertSoft("5.7.1", 554, "554 5.7.1 Client host 192.0.2.25 is listed on zen.spamhaus.org", BounceReason.BLOCKED);
    }

    @Test
    void aPtrOrAnSpfVerdictAtTheGreetingOrHeloShouldKeepItsReason() {
        assertSoft("5.7.25", 550, "550 5.7.25 client [192.0.2.25] has no rDNS (in reply to initial connection)",
                BounceReason.REQUIRE_PTR);
        assertSoft("5.7.1", 550, "550 5.7.1 HELO host SPF fail (in reply to EHLO command)", BounceReason.AUTH_FAILURE);
        // a refusal at the greeting that names nothing else stays blocked
        assertSoft("5.7.1", 554, "554 5.7.1 Access denied (in reply to initial connection)", BounceReason.BLOCKED);
    }
}
