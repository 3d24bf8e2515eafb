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
 * A refusal in reply to STARTTLS is a failed TLS negotiation (RFC 3207 §4; Sisimai's
 * Reason::FailedSTARTTLS), whatever vague 5.7.x status stands beside it (issue 16, branch {@code rsnB}).
 * Synthetic reports in Postfix's and Sendmail's layouts, the command named only in the report's text.
 */
class StartTlsStageTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification failed(String status, String diagnostic, String context) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(554),
                diagnostic, context);
    }

    @Test
    void aRefusalInReplyToStarttlsShouldBeAFailedStarttlsNotASecurityError() {
        Classification postfix = failed("5.7.1", "smtp; 554 5.7.1 Command rejected",
                "<user@example.org>: host mx.example.org[192.0.2.9] said: 554 5.7.1 Command rejected "
                        + "(in reply to STARTTLS command)");
        assertThat(postfix.reason()).isEqualTo(BounceReason.FAILED_STARTTLS);
        assertThat(postfix.hard()).isFalse();
        assertThat(failed("5.7.1", "smtp; 554 5.7.1 Not available",
                "... while talking to mx.example.org.:\n>>> STARTTLS\n<<< 554 5.7.1 Not available\n").reason())
                .isEqualTo(BounceReason.FAILED_STARTTLS);
        // the same reply at MAIL FROM stays what it was
        assertThat(failed("5.7.1", "smtp; 554 5.7.1 Command rejected",
                "<user@example.org>: host mx.example.org[192.0.2.9] said: 554 5.7.1 Command rejected "
                        + "(in reply to MAIL FROM command)").reason()).isNotEqualTo(BounceReason.FAILED_STARTTLS);
    }
}
