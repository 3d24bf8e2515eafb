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
 * Providers answer RCPT TO with 5.1.1 also when the address is not what they refused (issue 16, branch {@code kumo}):
 * a policy, spam or rate verdict, a disabled or closed mailbox, the sender's own domain. The words name the verdict and
 * the asymmetric caution keeps it soft ({@link UserUnknownRules}, {@link ProviderReplyWording},
 * {@link SenderRefusalTexts}). Synthetic replies quoted as Postfix's smtp(8) writes them; each fails without its rule.
 */
class SoftVerdictsUnderUserUnknownStatusTest {
    private static final ReasonClassifier C = new ReasonClassifier();

    private static Classification under511(String text) {
        return under("5.1.1", text);
    }

    private static Classification under(String status, String text) {
        String reply = "550 " + status + " " + text;
        String wider = "<kumo@example.net>: host mx.example.net[192.0.2.10] said: " + reply
                + " (in reply to RCPT TO command)";
        return C.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(550), reply, wider);
    }

    private static void softAs(String text, BounceReason reason) {
        Classification c = under511(text);
        assertThat(c.reason()).as(text).isEqualTo(reason);
        assertThat(c.hard()).as(text).isFalse();
    }

    @Test
    void aPolicySpamOrRateVerdictBeside511ShouldNameItsReasonAndStaySoft() {
        softAs("Recipient rejected by policy", BounceReason.POLICY_VIOLATION);
        softAs("Message rejected as spam", BounceReason.SPAM_DETECTED);
        softAs("Too many messages for this mailbox, slow down", BounceReason.SPEEDING);
        // a bare user-unknown under 5.1.1 stays hard
        assertThat(under511("<kumo@example.net>: Recipient address rejected: User unknown in local recipient table").hard())
                .isTrue();
    }

    @Test
    void aMailboxSwitchedOffClosedOrAboutToBeRemovedShouldBeSuspendedUnder511() {
        softAs("Account temporarily disabled", BounceReason.SUSPEND);
        softAs("Account expired", BounceReason.SUSPEND);
        softAs("Mailbox has been closed by the owner", BounceReason.SUSPEND);
        softAs("Account is pending deletion", BounceReason.SUSPEND);
    }

    @Test
    void theSendersDomainCalledNonExistentShouldBeTheSendersRefusalNotAHardUnknownDomain() {
        softAs("Sender domain does not exist", BounceReason.REJECTED);
    }

    @Test
    void aBlockSpamOrRateVerdictBeside512ShouldNotBeAHardUnknownHost() {
        for (String[] c : new String[][] {{"Your IP 192.0.2.25 is blacklisted", "BLOCKED"},
                {"Message rejected as spam", "SPAM_DETECTED"}, {"Too many messages for this mailbox, slow down", "SPEEDING"}}) {
            Classification got = under("5.1.2", c[0]);
            assertThat(got.reason()).as(c[0]).isEqualTo(BounceReason.valueOf(c[1]));
            assertThat(got.hard()).as(c[0]).isFalse();
        }
        // a bare "Host or domain name not found" under 5.1.2 stays a hard unknown host
        Classification nxdomain = under("5.1.2", "Host or domain name not found. Name service error for name=example.invalid "
                + "type=MX: Host not found");
        assertThat(nxdomain.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(nxdomain.hard()).isTrue();
    }
}
