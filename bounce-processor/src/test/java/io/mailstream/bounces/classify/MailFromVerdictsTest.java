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
 * A refusal in reply to MAIL FROM cannot have judged the message or a recipient's filter
 * ({@link MailFromVerdicts}; issue 16, branch {@code rsnB}). Reports are synthetic, in the layouts of
 * Postfix's smtp(8) ("host X said: ... (in reply to MAIL FROM command)", the command in the report's
 * text) and Sendmail's transcript (">>> MAIL From:<...>" then "<<< 550 ...").
 */
class MailFromVerdictsTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification postfix(String command, String reply) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550),
                "smtp; " + reply, "<user@example.org>: host mx.example.org[192.0.2.9] said: " + reply
                        + " (in reply to " + command + " command)");
    }

    private Classification sendmail(String line, String reply) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse("5.0.0"), OptionalInt.of(550),
                "smtp; " + reply, "... while talking to mx.example.org.:\n>>> " + line + "\n<<< " + reply
                        + "\n554 5.0.0 Service unavailable");
    }

    @Test
    void aContentVerdictInReplyToMailFromShouldBeTheSendersRejection() {
        Classification spam = postfix("MAIL FROM", "550 Mail from a known spam sender refused");
        assertThat(spam.reason()).isEqualTo(BounceReason.REJECTED);
        assertThat(spam.hard()).isFalse();
        assertThat(sendmail("MAIL From:<sender@example.com>", "550 Spam detected from this sender").reason())
                .isEqualTo(BounceReason.REJECTED);
        // the same words after DATA judged the message
        assertThat(postfix("end of DATA", "550 Mail from a known spam sender refused").reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void aContentVerdictAtMailFromNamingTheClientHostShouldBeBlocked() {
        assertThat(postfix("MAIL FROM", "550 Spam from dynamic hosts refused").reason())
                .isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aServerRefusingMailFromTheSenderAtMailFromShouldBeRejectedNotTheRecipientsFilter() {
        assertThat(postfix("MAIL FROM", "550 This host does not accept mail from sender@example.com").reason())
                .isEqualTo(BounceReason.REJECTED);
        // said at RCPT TO it is the recipient's filter, as before
        assertThat(postfix("RCPT TO", "550 This host does not accept mail from sender@example.com").reason())
                .isEqualTo(BounceReason.FILTERED);
    }

    /** Exim's text report writes the command inside the recipient's own reason: "SMTP error ... after MAIL FROM:<s>: 530 ...". */
    private Classification exim(int code, String reply) {
        String diagnostic = "SMTP error from remote mail server after MAIL FROM:<news@shop.example.net> SIZE=2048: " + reply;
        return classifier.classify(Optional.of(DsnAction.FAILED), Optional.empty(), OptionalInt.of(code), diagnostic,
                diagnostic);
    }

    @Test
    void aDemandForStartTlsOrSmtpAuthAtMailFromShouldKeepItsReasonWhenTheCommandIsInTheDiagnostic() {
        // RFC 3207 §4 and RFC 4954 §6: the session lacked TLS or AUTH, the reverse-path was not judged (issue 16, kumo)
        assertThat(exim(530, "530 Must issue a STARTTLS command first.").reason()).isEqualTo(BounceReason.FAILED_STARTTLS);
        assertThat(exim(550, "550 Please turn on SMTP Authentication in your mail client").reason())
                .isEqualTo(BounceReason.SECURITY_ERROR);
        // any other refusal there is still the sender's
        assertThat(exim(550, "550 Access denied").reason()).isEqualTo(BounceReason.REJECTED);
    }
}
