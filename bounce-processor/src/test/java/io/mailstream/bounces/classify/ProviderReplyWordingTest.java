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
 * General reply wordings learnt from KumoMTA's community bounce rules and providers' pages
 * ({@link ProviderReplyWording}). The replies are synthetic, in the wording the rule describes, quoted as a
 * Postfix relay writes them; each fails without its group.
 */
class ProviderReplyWordingTest {
    private static final ReasonClassifier C = new ReasonClassifier();

    private static Classification atRcpt(String status, int code, String reply) {
        String wider = "<kumo@example.net>: host mx.example.net[192.0.2.10] said: " + reply
                + " (in reply to RCPT TO command)";
        return C.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code), reply, wider);
    }

    @Test
    void aClosedOrNeverActivatedAccountShouldBeSuspendedAndSoftNotAnUnknownUser() {
        Classification closed = atRcpt("5.0.0", 550, "550 <kumo@example.net>: Recipient address rejected: Account Closed");
        assertThat(closed.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(closed.hard()).isFalse();
        assertThat(atRcpt("5.0.0", 550, "550 User account not activated").reason()).isEqualTo(BounceReason.SUSPEND);
    }

    @Test
    void aMailboxCalledSuspendedOrInactiveBeforeItsNameShouldStaySoftEvenUnder511() {
        for (String reply : new String[] {"550 5.1.1 Suspended user", "550 5.1.1 Inactive mbox"}) {
            Classification c = atRcpt("5.1.1", 550, reply);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.SUSPEND);
            assertThat(c.hard()).as(reply).isFalse();
        }
    }

    @Test
    void anUnrecognisedRecipientShouldBeAnUnknownUser() {
        assertThat(atRcpt("5.0.0", 550, "550 recipient unrecognized").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void eximsSpfSentenceAndABlockBySpfShouldBeAuthenticationFailuresNotABlockedHost() {
        assertThat(atRcpt("5.7.0", 550, "550 5.7.0 [SPF] 192.0.2.25 is not allowed to send mail from shop.example.net")
                .reason()).isEqualTo(BounceReason.AUTH_FAILURE);
        assertThat(atRcpt("5.1.0", 550, "550 5.1.0 0bcW1i00G0jifNx01bcmHa blocked by SPF").reason())
                .isEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void aRefusedAccessToSubmitMessagesShouldJudgeTheSendingHost() {
        assertThat(atRcpt("5.0.0", 550, "550 Your access to submit messages to this e-mail system has been rejected")
                .reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aReceiverTemporarilyUnableToProcessMailShouldBeItsSystemError() {
        Classification c = atRcpt("4.0.0", 451, "451 Temporarily unable to process your email. Please try again later.");
        assertThat(c.reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(c.hard()).isFalse();
    }
}
