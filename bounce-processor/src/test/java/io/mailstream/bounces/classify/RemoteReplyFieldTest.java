package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.RecipientReport;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A relay that lists the remote server's reply as field values ({@code ERROR_CODE :550, ERROR_CODE
 * :<text>}, Zoho Mail's format) under a label of its own ("Invalid Address"): the reply code is the
 * remote server's, and the relay's label is not evidence that the address is bad. Synthetic
 * messages written from the format (see {@link DiagnosticText#findReplyCode}).
 */
class RemoteReplyFieldTest {
    private final BounceClassifier classifier = new BounceClassifier();

    @Test
    void aReplyCodeWrittenAsAFieldValueBeforeACommaShouldBeFound() {
        assertThat(DiagnosticText.findReplyCode("a@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested "
                + "action not taken: mailbox unavailable")).isEqualTo(OptionalInt.of(550));
    }

    @Test
    void aNumberBeforeACommaInProseShouldStillNotBeAReplyCode() {
        assertThat(DiagnosticText.findReplyCode("we tried 450, then gave up")).isEmpty();
        assertThat(DiagnosticText.findReplyCode("sent 1,550, messages")).isEmpty();
    }

    @Test
    void aRelaysOwnLabelOverTheGenericMailboxUnavailableReplyShouldBeFilteredAndSoft() {
        RecipientReport r = only("a@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :Requested action not "
                + "taken: mailbox unavailable");
        // RFC 5321 §4.2.2: 550 "mailbox unavailable" covers "mailbox not found, no access, or command
        // rejected for policy reasons"; nothing here says which, so the address is not proven bad
        assertThat(r.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(r.hard()).isFalse();
        assertThat(r.evidence().replyCode()).isEqualTo(OptionalInt.of(550));
    }

    @Test
    void theSameLabelOverAnAddressingStatusShouldStayAHardUserUnknown() {
        RecipientReport r = only("a@example.org Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@example.org>... "
                + "User Unknown");
        assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(r.hard()).isTrue();
    }

    private RecipientReport only(String line) {
        String mail = "From: mailer-daemon@mail.example.com\r\n"
                + "To: sender@example.com\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "This message was created automatically by mail delivery software.\r\n"
                + "A message that you sent could not be delivered to one or more of its recipients. "
                + "This is a permanent error.\r\n\r\n"
                + line + "\r\n\r\n"
                + "Received:from mail.example.com by mx.example.com\r\n"
                + "Subject:hello\r\n"
                + "To:<a@example.org>\r\n";
        var report = classifier.classify(mail.getBytes(StandardCharsets.UTF_8));
        assertThat(report.recipients()).hasSize(1);
        return report.recipients().get(0);
    }
}
