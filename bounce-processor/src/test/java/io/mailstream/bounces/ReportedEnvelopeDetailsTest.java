package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.SmtpCommand;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reports that list the envelope ("MAIL FROM: …", "RCPT TO: …") as details beside the error, as
 * Apache James's bounce does: the listing names no failed command, and the error quoted above it
 * is the diagnostic. Synthetic message written from that layout.
 */
class ReportedEnvelopeDetailsTest {

    @Test
    void anEnvelopeLabelWithABareAddressShouldNotCountAsTheFailedCommand() {
        assertThat(SmtpCommand.find("Message details: MAIL FROM: s@example.com RCPT TO: a@example.org")).isEmpty();
        // RFC 5321 syntax (angle brackets) or a lead word still names the command
        assertThat(SmtpCommand.find("550 refused: RCPT TO:<a@example.org>")).contains(SmtpCommand.RCPT);
        assertThat(SmtpCommand.find("SMTP error from remote mail server after RCPT TO: a@example.org"))
                .contains(SmtpCommand.RCPT);
    }

    @Test
    void aQuotedUserUnknownAboveAnEnvelopeListingShouldBeAFilteredRelayQuoteNotAHardBounce() {
        String mail = """
                From: postmaster@relay.example.net
                To: s@example.com
                Subject: Undeliverable
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                Error: Invalid user address

                Error message below:
                550 - Requested action not taken: no such user here

                Message details:
                  Subject: Hello
                  MAIL FROM: s@example.com
                  RCPT TO: a@example.org
                  RCPT TO: b@example.org
                  From: writer@example.com
                  Size (in bytes): 120
                """.replace("\n", "\r\n");
        BounceReport r = new BounceClassifier().classify(mail.getBytes(StandardCharsets.US_ASCII));
        // the sender fields of the listing are no recipients; each recipient's own line has no reply
        // code: the one quoted in the explanation above counts
        assertThat(r.recipients()).extracting(RecipientReport::recipient).containsExactly("a@example.org", "b@example.org");
        assertThat(r.recipients()).allSatisfy(x -> {
            assertThat(x.reason()).isEqualTo(BounceReason.FILTERED);
            assertThat(x.hard()).isFalse();
            assertThat(x.evidence().replyCode()).hasValue(550);
            assertThat(x.evidence().command()).isEqualTo(Optional.empty());
        });
    }
}
