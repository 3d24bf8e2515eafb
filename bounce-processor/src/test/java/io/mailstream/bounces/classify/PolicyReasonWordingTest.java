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
 * The policy-side wording families (issue 16, branch {@code rsnB}; {@link PolicyReasonWording}): each
 * text is synthetic, a generic RFC 3464 failure (status 5.0.0, reply 550) written around the concept a
 * Sisimai per-reason module defines, in words that module's lists do not hold verbatim. All are soft.
 */
class PolicyReasonWordingTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification failed(String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550),
                diagnostic, diagnostic);
    }

    private void assertSoft(String diagnostic, BounceReason reason) {
        Classification c = failed(diagnostic);
        assertThat(c.reason()).as(diagnostic).isEqualTo(reason);
        assertThat(c.hard()).as(diagnostic).isFalse();
    }

    @Test
    void anSpfResultSaidToFailOrASendersBadSpfRecordShouldBeAnAuthFailure() {
        assertSoft("550 Message refused: SPF: fail for example.com (sender 192.0.2.7)", BounceReason.AUTH_FAILURE);
        assertSoft("550 Rejected, bad SPF record published for example.com", BounceReason.AUTH_FAILURE);
        assertSoft("550 Please check the SPF settings of your domain", BounceReason.AUTH_FAILURE);
        assertSoft("550 The From address does not meet the authentication requirements of this organization",
                BounceReason.AUTH_FAILURE);
    }

    @Test
    void aReputationScoreOrProblemShouldBeBadReputation() {
        assertSoft("550 Your domain reputation is too low to deliver here", BounceReason.BAD_REPUTATION);
        assertSoft("550 Refused: reputation score of 192.0.2.7 below threshold", BounceReason.BAD_REPUTATION);
    }

    @Test
    void theSendingIpsProfileOrStandingJudgedShouldBeBlocked() {
        assertSoft("550 Bad IP profile for 192.0.2.7, try later", BounceReason.BLOCKED);
        assertSoft("550 Server 192.0.2.7 listed as abusive", BounceReason.BLOCKED);
        assertSoft("550 Invalid IP for sending from example.com", BounceReason.BLOCKED);
        // the client called a spam source, not the message
        assertSoft("550 You are sending spam from this host", BounceReason.BLOCKED);
    }

    @Test
    void aMalformedOrTooComplexMimeStructureShouldBeAContentError() {
        assertSoft("550 Rejected: the MIME complexity of this message is too high", BounceReason.CONTENT_ERROR);
        assertSoft("550 The message has improperly formatted MIME parts", BounceReason.CONTENT_ERROR);
        assertSoft("550 Message uses unnecessary base64 in its text part", BounceReason.CONTENT_ERROR);
    }

    @Test
    void aHeaderFieldThatOccursMoreThanOnceShouldBeNotCompliantWithTheRfc() {
        assertSoft("550 Your message has a duplicate header field (Subject)", BounceReason.NOT_COMPLIANT_RFC);
        assertSoft("550 Refused: there are multiple Date fields in the header", BounceReason.NOT_COMPLIANT_RFC);
    }

    @Test
    void aRecipientThatRefusesToReceiveOrAcceptsOnlyChosenSendersShouldBeFiltered() {
        assertSoft("550 The addressee has chosen to refuse to receive your messages", BounceReason.FILTERED);
        assertSoft("550 This mailbox is only accepting mail from its contacts", BounceReason.FILTERED);
        assertSoft("550 Delivery failed: user rejects this message", BounceReason.FILTERED);
    }

    @Test
    void anOrganisationsRulesAMassMailerOrAContentRefusalShouldBeAPolicyViolationNotANullMx() {
        assertSoft("550 Delivery refused by the organizational settings of the recipient", BounceReason.POLICY_VIOLATION);
        assertSoft("550 Bulk message from a mass mailer refused", BounceReason.POLICY_VIOLATION);
        assertSoft("550 Post refused: solve the captcha first", BounceReason.POLICY_VIOLATION);
        // before: "not accepting mail" read as a domain that accepts none, a hard notaccept
        assertSoft("550 This recipient is not accepting mail with attachments", BounceReason.POLICY_VIOLATION);
    }

    @Test
    void aBadOrGenericPtrOrAForwardEntryNotPointingBackShouldRequirePtr() {
        assertSoft("550 Refused: bad DNS PTR for 192.0.2.7", BounceReason.REQUIRE_PTR);
        assertSoft("550 Forward DNS of your host name does not match 192.0.2.7", BounceReason.REQUIRE_PTR);
        assertSoft("550 Unresolvable relay host mta.example.com", BounceReason.REQUIRE_PTR);
    }

    @Test
    void theReceiversOwnFilterOrScoreShouldBeSpamDetected() {
        assertSoft("550 This message was stopped by our filters as suspected bulk", BounceReason.SPAM_DETECTED);
        assertSoft("550 Mail score 9.1 is over the limit of 5", BounceReason.SPAM_DETECTED);
        assertSoft("550 Delivery refused for unacceptable content", BounceReason.SPAM_DETECTED);
    }

    @Test
    void smtpAuthenticationRequiredInFrenchShouldBeASecurityError() {
        assertSoft("550 Authentification requise pour cet envoi", BounceReason.SECURITY_ERROR);
    }

    @Test
    void anEncryptionDemandShouldBeAFailedStarttls() {
        assertSoft("523 Encryption needed before mail is accepted", BounceReason.FAILED_STARTTLS);
    }

    @Test
    void theEnvelopeSenderRefusedInFrenchOrBlacklistedShouldBeRejected() {
        assertSoft("550 Expéditeur invalide", BounceReason.REJECTED);
        assertSoft("550 Access denied: sender blacklisted by the recipient", BounceReason.REJECTED);
        // a bounce refused for its null reverse-path
        assertSoft("550 Unsigned DSN refused for sender@example.com", BounceReason.REJECTED);
        assertSoft("550 Backscatter protection: the tag of this bounce is invalid", BounceReason.REJECTED);
        // an address, not an IP, blacklisted; a members-only list refusing a non-member's post
        assertSoft("550 Mail to or from an address that has been blacklisted here is refused", BounceReason.REJECTED);
        assertSoft("550 Post by non-member refused: this is a members-only list", BounceReason.REJECTED);
        // the From: header's domain is the sender's: before, a hard host unknown
        assertSoft("550 Message refused, From: domain example.com is invalid", BounceReason.REJECTED);
    }

    @Test
    void mailMarshalsSpamProfilerVerdictShouldBeSpamDetected() {
        // (issue 16, rsn2) MailMarshal / Trustwave SEG sign the refusal with their spam engine's name
        assertSoft("550 Message refused by SpamProfiler (score 97)", BounceReason.SPAM_DETECTED);
    }

    @Test
    void aListRefusingAPosterWhoIsNotSubscribedShouldBeRejectedLikeTheMembersOnlyRefusals() {
        // (issue 16, rsn2) one reading where Sisimai's Rejected and PolicyViolation lists disagree
        assertSoft("550 This is a closed mailing list, posts from outsiders are discarded", BounceReason.REJECTED);
        assertSoft("550 alice@example.com is not subscribed to this list", BounceReason.REJECTED);
        assertSoft("550 Message sent by non-member to a members-only list", BounceReason.REJECTED);
    }
}
