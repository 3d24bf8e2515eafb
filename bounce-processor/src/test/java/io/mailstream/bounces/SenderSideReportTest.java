package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.SenderSideReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * "User unknown" without any code is believed only from the MTA that holds the mailbox (issue 16).
 * A report whose writer says it took the message from a local user (Sendmail's "The original
 * message was received at DATE / from $_") delivered it onwards: its "user unknown" is another
 * server's answer retold. Synthetic messages written from Sendmail's layout.
 */
class SenderSideReportTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] textBounce(String origin) {
        String mail = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.net>
                To: s@example.net
                Subject: Returned mail: see transcript for details
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                The original message was received at Tue, 1 Dec 2026 10:00:00 +0000
                from %s

                   ----- The following addresses had delivery errors -----
                a@example.org    (user unknown)
                """.formatted(origin).replace("\n", "\r\n");
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theOriginShouldCountOnlyWhenItIsAUsersAddress() {
        assertThat(SenderSideReport.receivedFromLocalUser(
                "The original message was received at Tue, 1 Dec 2026 10:00:00 +0000\nfrom s@example.net\n")).isTrue();
        assertThat(SenderSideReport.receivedFromLocalUser(
                "The original message was received at Tue, 1 Dec 2026 10:00:00 +0000\nfrom root@localhost\n")).isTrue();
        // GNU Mailutils' Sieve reject writes it on one line, with the sender's address
        assertThat(SenderSideReport.receivedFromLocalUser(
                "The original message was received at Tue Dec 01 10:00:00 2026 UTC from s@example.net.\n"
                        + "Message was refused by recipient's mail filtering program.")).isTrue();
        // a host: the message came over SMTP, possibly from the internet to the mailbox's own host
        assertThat(SenderSideReport.receivedFromLocalUser(
                "The original message was received at Tue, 1 Dec 2026 10:00:00 +0000\nfrom mx.example.com [192.0.2.7]\n")).isFalse();
        // a content filter re-injecting mail looks the same as a local client: proves nothing
        assertThat(SenderSideReport.receivedFromLocalUser(
                "The original message was received at Tue, 1 Dec 2026 10:00:00 +0000\nfrom localhost [127.0.0.1]\n")).isFalse();
        assertThat(SenderSideReport.receivedFromLocalUser("a@example.org (user unknown)")).isFalse();
        assertThat(SenderSideReport.receivedFromLocalUser(null)).isFalse();
    }

    @Test
    void aBareUserUnknownFromAWriterThatTookTheMessageFromALocalUserShouldBeFilteredAndSoft() {
        BounceReport fromUser = classifier.classify(textBounce("s@example.net"));
        assertThat(fromUser.recipients()).singleElement().satisfies(x -> {
            assertThat(x.recipient()).isEqualTo("a@example.org");
            assertThat(x.reason()).isEqualTo(BounceReason.FILTERED);
            assertThat(x.hard()).isFalse();
        });
        // the same words from a writer that received the message from another host may be the
        // mailbox host's own lookup: still user unknown, held as a provisional hard bounce
        BounceReport fromHost = classifier.classify(textBounce("mx.example.com [192.0.2.7]"));
        assertThat(fromHost.recipients()).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(x.provisionalHard()).isTrue();
        });
    }

    @Test
    void aQuotedPermanentCodeShouldStillDecideWhateverTheOrigin() {
        String mail = new String(textBounce("s@example.net"), StandardCharsets.US_ASCII)
                .replace("(user unknown)", "\r\n    ... while talking to mx.example.org.:\r\n"
                        + ">>> RCPT To:<a@example.org>\r\n<<< 550 5.1.1 <a@example.org>... User unknown");
        BounceReport r = classifier.classify(mail.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.recipients()).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(x.hard()).isTrue();
            assertThat(x.provisionalHard()).isFalse();
        });
    }
}
