package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Asymmetric caution (issue 16): a recipient that refuses <em>this sender</em> is a filter, soft;
 * only words about the address itself make a hard bounce, and an ambiguous one under a policy
 * status is held until a second bounce. Synthetic Postfix-style reports.
 */
class SenderFilterWordingTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification atRcpt(String status, String reply) {
        String text = "host mx.example.org[192.0.2.1] said: " + reply + " (in reply to RCPT TO command)";
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(550),
                text, text);
    }

    @Test
    void aRecipientThatDoesNotAcceptMailFromThisSenderShouldBeFilteredNotANullMx() {
        Classification c = atRcpt("5.7.1", "550 5.7.1 Recipient does not accept mail from this sender");
        assertThat(c.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(c.hard()).isFalse();
        // a domain that accepts no mail at all (RFC 7505) stays notaccept
        assertThat(atRcpt("5.1.10", "556 5.1.10 Domain example.org does not accept mail (nullMX)").reason())
                .isEqualTo(BounceReason.NOT_ACCEPT);
    }

    @Test
    void unknownSendersNamedByARecipientsFilterShouldNotMakeTheRecipientUnknown() {
        Classification c = atRcpt("5.7.1", "550 5.7.1 This address does not receive mail from unknown senders");
        assertThat(c.reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void postfixsAccessDeniedForARecipientShouldBeAHeldHardCallWhileExchangesUnder541IsNot() {
        Classification postfix = atRcpt("5.7.1", "554 5.7.1 <a@example.org>: Recipient address rejected: Access denied");
        assertThat(postfix.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(postfix.confidence()).isEqualTo(Confidence.LOW);
        assertThat(postfix.provisionalHard()).isTrue();
        Classification exchange = classifier.classify(550, "5.4.1",
                "550 5.4.1 Recipient address rejected: Access denied. AS(201806281)");
        assertThat(exchange.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(exchange.evidence().providerRule()).contains("microsoft/userunknown");
        assertThat(exchange.confidence()).isNotEqualTo(Confidence.LOW);
    }
}
