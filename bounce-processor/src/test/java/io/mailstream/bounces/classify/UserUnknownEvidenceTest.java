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
 * Who said "user unknown", and in reply to what (issue 16's general rules). Messages are synthetic,
 * written from the formats: a relay's DSN quoting the next hop's SMTP reply, a mailbox server's own
 * sentence, a vendor-extended status, a bare RCPT refusal.
 */
class UserUnknownEvidenceTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    /** One recipient of a DSN: Status (may be null), the reply code found in Diagnostic-Code, and the text. */
    private Classification dsn(String status, Integer reply, String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                reply == null ? OptionalInt.empty() : OptionalInt.of(reply), diagnostic, diagnostic);
    }

    @Test
    void aRemoteReplyQuotedByARelayWithoutItsCommandShouldBeFilteredAndSoft() {
        // a relay accepted the message and then reports what the next hop said, not when it said it
        Classification c = dsn(null, 550, "550 Unknown user a@example.org");
        assertThat(c.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(c.hard()).isFalse();
        assertThat(dsn("5.0.0", 550, "550 5.0.0 <a@example.org>... User unknown").reason()).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void theSameReplyAnsweredToRcptShouldBeUserUnknown() {
        Classification c = dsn("5.0.0", 550, "host mx.example.org[192.0.2.1] said: 550 <a@example.org>: User unknown "
                + "(in reply to RCPT TO command)");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
        assertThat(c.provisionalHard()).as("5.0.0 is weak evidence: held until confirmed").isTrue();
    }

    @Test
    void theMailboxServersOwnSentenceWithoutAQuotedReplyShouldBeUserUnknown() {
        // the server that holds the mailboxes wrote the bounce: it looked the user up itself
        assertThat(dsn(null, null, "User a@example.org does not exist here").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(dsn(null, null, "Unknown user: a@example.org").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void aProvidersDocumentedUserUnknownTextShouldCountEvenQuotedWithoutItsCommand() {
        // Yahoo's "dd This user doesn't have a ... account" is its directory's answer (ProviderRules)
        Classification c = dsn("5.0.0", 554, "554 delivery error: dd This user doesn't have a example.com account "
                + "(a@example.com) [0] - mta1.example.com");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.evidence().providerRule()).contains("yahoo_aol/userunknown");
        ReasonClassifier withoutYahoo = new ReasonClassifier(RuleSelection.without(MtaFamily.YAHOO_AOL));
        Classification general = withoutYahoo.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"),
                OptionalInt.of(554), "554 delivery error: dd This user doesn't have a example.com account", "");
        assertThat(general.reason()).as("without the provider's rule it is only a quoted reply").isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void aReplyTheDispatcherGotItselfShouldNotBeTreatedAsQuotedByARelay() {
        // the dispatcher's synchronous 550: the recipient's server said it to us, at RCPT or DATA
        Classification c = classifier.classify(550, null, "550 User unknown");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.provisionalHard()).isTrue();
    }

    @Test
    void aVendorExtendedAddressStatusShouldBeUserUnknownWhateverTheCommand() {
        // RFC 3463 subject 1 is addressing; Exchange refines it (5.1.351) beyond the IANA registry's X.1.10
        Classification c = dsn("5.1.351", 550, "550 5.1.351 Remote server returned unknown recipient -> 550 Unknown user");
        assertThat(c.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isTrue();
        assertThat(UserUnknownRules.isVendorAddressStatus(new DeliveryStatus(5, 1, 10))).as("registered").isFalse();
        assertThat(UserUnknownRules.isVendorAddressStatus(new DeliveryStatus(5, 7, 351))).as("not addressing").isFalse();
    }

    @Test
    void aBarePermanentRecipientRefusalAtRcptShouldBeUserUnknownButNotElsewhere() {
        String atRcpt = "host mx.example.org[192.0.2.1] said: 550 <a@example.org>: Recipient address rejected. "
                + "(in reply to RCPT TO command)";
        assertThat(dsn(null, 550, atRcpt).reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        // transient: the address may be fine tomorrow
        assertThat(dsn(null, 450, atRcpt.replace("550", "450")).reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
        // no command: a relay's report of something said we do not know when
        assertThat(dsn(null, 550, "550 <a@example.org>: Recipient address rejected.").reason())
                .isNotEqualTo(BounceReason.USER_UNKNOWN);
        // beside a reason, the reason decides
        assertThat(dsn(null, 554, "554 <a@example.org>: Recipient address rejected: Mailbox is full "
                + "(in reply to RCPT TO command)").reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }
}
