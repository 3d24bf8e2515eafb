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
 * The diagnostic concepts that Perl's Mail::DeliveryStatus::BounceParser (CPAN, {@code _std_reason}) maps to
 * user_unknown and that no phrase family read (issue 16, branch {@code dbp}), each in its own synthetic Exim-style
 * refusal at RCPT TO, and in other words than the one BounceParser lists, so the concept is what matches.
 */
class BounceParserWordingTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification atRcpt(String reply) {
        String text = "SMTP error from remote mail server after RCPT TO:<a@example.org>:\n"
                + "    host mx.example.org [192.0.2.5]: " + reply;
        return classifier.classify(Optional.of(DsnAction.FAILED), Optional.empty(), OptionalInt.of(550), text, text);
    }

    @Test
    void nobodyOfThatNameShouldBeUserUnknownAndHard() {
        for (String reply : new String[] {"550 no user here by that name", "550 No one by that name",
                "550 sorry, no such account by that name"}) {
            Classification c = atRcpt(reply);
            assertThat(c.reason()).as(reply).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(c.hard()).as(reply).isTrue();
        }
    }

    @Test
    void aRecipientTheServerDoesNotRecognizeShouldBeUserUnknown() {
        for (String reply : new String[] {"550 addressee unrecognized", "550 Recipient is not recognized here",
                "550 user name unrecognized"}) {
            assertThat(atRcpt(reply).reason()).as(reply).isEqualTo(BounceReason.USER_UNKNOWN);
        }
        // a command the server does not recognise is a syntax matter, not the recipient
        assertThat(atRcpt("500 command unrecognized").reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void anAddressThatCannotBeFoundShouldBeUserUnknown() {
        for (String reply : new String[] {"550 5.1.1 The e-mail address you entered couldn't be found",
                "550 The address you specified could not be found", "550 email address cannot be found"}) {
            assertThat(atRcpt(reply).reason()).as(reply).isEqualTo(BounceReason.USER_UNKNOWN);
        }
    }

    @Test
    void aServerThatHandlesNoMailForThatUserShouldBeUserUnknown() {
        assertThat(atRcpt("550 Sorry, this server doesn't handle mail for that user").reason())
                .isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(atRcpt("550 This host does not handle mail for this recipient").reason())
                .isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void anAddressAdministrativelyDisabledShouldBeSuspendedAndSoft() {
        Classification c = atRcpt("550 address is administratively disabled");
        assertThat(c.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(c.hard()).isFalse();
        assertThat(atRcpt("550 This address has been administratively suspended").reason()).isEqualTo(BounceReason.SUSPEND);
    }
}
