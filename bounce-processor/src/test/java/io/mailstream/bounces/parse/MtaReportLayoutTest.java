package io.mailstream.bounces.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.BounceReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Whole text bounces in the layouts of older MTAs (issue 16, branch {@code mtaC}): each message is
 * synthetic, written from the sentences the MTA's source prints (qmail-send.c, qmail-remote.c, Exim's
 * parser.c) as Sisimai's {@code Lhost::*} modules describe where recipient and diagnostic stand;
 * none is taken from a sample collection.
 */
class MtaReportLayoutTest {
    private static BounceReport classify(String subject, String body) {
        String mail = """
                From: MAILER-DAEMON@mail.example.net
                To: sender@shop.example.com
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s""".formatted(subject, body).replace("\n", "\r\n");
        return new BounceClassifier().classify(mail.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aQmailBannerNamingItsHostMailDotSomethingShouldNotReadAsARefusalAtMailFrom() {
        // qmail-send.c opens every bounce with "Hi. This is the qmail-send program at <me>."; the host is
        // often called mail.<domain>, and "at mail" is no "refused at MAIL FROM"
        BounceReport report = classify("failure notice", """
                Hi. This is the qmail-send program at mail.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <nobody@example.org>:
                Sorry, no mailbox here by that name. (#5.1.1)

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.org");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        });
    }

    @Test
    void qmailRemotesGivingUpOnTheHostShouldNotReadAsAnExpiredQueueLifetime() {
        // qmail-remote.c ends every permanent remote failure with "Giving up on <host>."; the queue
        // lifetime is a different sentence ("this message has been in the queue too long")
        BounceReport report = classify("failure notice", """
                Hi. This is the qmail-send program at relay.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <nobody@example.org>:
                192.0.2.17 does not like recipient.
                Remote host said: 550 Requested action not taken
                Giving up on 192.0.2.17.

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.org");
            assertThat(r.reason()).isNotEqualTo(BounceReason.EXPIRED);
            assertThat(r.diagnostic()).contains("does not like recipient").doesNotContain("Giving up");
        });
    }

    @Test
    void qmailRemotesQuotedNoFreeSpaceReplyShouldBeTheServersFullDiskNotTheMailbox() {
        BounceReport report = classify("failure notice", """
                Hi. This is the qmail-send program at relay.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <nobody@example.org>:
                192.0.2.17 failed after I sent the message.
                Remote host said: 452 Requested action not taken: mailbox unavailable (not enough free space)

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(BounceReason.SYSTEM_FULL);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void eximsAddressParserErrorShouldBeASyntaxError() {
        BounceReport report = classify("Mail delivery failed: returning message to sender", """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  nobody@example.org
                    malformed address: .example may not follow nobody@example.org

                ------ This is a copy of the message, including all the headers. ------
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.org");
            assertThat(r.reason()).isEqualTo(BounceReason.SYNTAX_ERROR);
        });
    }

    @Test
    void aQmailClonesBannerShouldNotReadAsAFailingMailer() {
        // qmail clones open with "Hi. This is the mail delivery agent at <host>." (the layouts Sisimai's
        // Lhost::X4 recognises); the banner names the reporting host, the reason is below the address
        BounceReport report = classify("failure notice", """
                Hi. This is the mail delivery agent at relay.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <nobody@example.org>:
                Connected to 192.0.2.44 but sender was rejected.
                Remote host said: 553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.org");
            assertThat(r.reason()).isEqualTo(BounceReason.REJECTED);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void qmailRemotesRecipientRefusalWithAPermanentReplyAndNoReasonShouldBeAnUnknownUser() {
        // qmail-remote.c: "<host> does not like recipient." when RCPT TO got the reply quoted below it
        BounceReport report = classify("failure notice", """
                Hi. This is the qmail-send program at relay.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <nobody@example.org>:
                192.0.2.17 does not like recipient.
                Remote host said: 550 Requested action not taken
                Giving up on 192.0.2.17.

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(r.hard()).isTrue();
        });
    }

    @Test
    void qmailRemotesRecipientRefusalForSpamShouldStayTheFiltersReason() {
        // the same sentence with a reason in the reply: the reply's reason, never "user unknown"
        BounceReport report = classify("failure notice", """
                Hi. This is the qmail-send program at relay.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.

                <nobody@example.org>:
                192.0.2.17 does not like recipient.
                Remote host said: 554 5.7.1 Message rejected as spam by content filter
                Giving up on 192.0.2.17.

                --- Below this line is a copy of the message.
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void kddisAndBiglobesOwnReportSentencesShouldNameTheirReasons() {
        // au by KDDI: "Could not be delivered to: <addr>" under "Your mail sent on:", the reason below it
        BounceReport noDomain = classify("Returned mail", """
                Your mail sent on: Mon, 3 Mar 2008 19:00:00 +0900
                    Could not be delivered to: <nobody@nowhere.example.jp>
                    As the remote domain doesnt exist.
                """);
        assertThat(noDomain.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@nowhere.example.jp");
            assertThat(r.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        });
        BounceReport relay = classify("Returned mail", """
                Your mail sent on: Mon, 3 Mar 2008 19:00:00 +0900
                    Could not be delivered to: <nobody@example.jp>
                    Due to the following SMTP relay error.
                """);
        assertThat(relay.recipients()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(BounceReason.NO_RELAYING);
            assertThat(r.hard()).isFalse();
        });
        // BIGLOBE: the recipient's reception filter, said as "user unknown": soft
        BounceReport filtered = classify("Returned mail: Delivery failed", """
                   ----- The following addresses had delivery problems -----
                nobody@biglobe.example.jp

                   ----- Non-delivered information -----
                Mail Delivery Failed... User unknown
                """);
        assertThat(filtered.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@biglobe.example.jp");
            assertThat(r.reason()).isEqualTo(BounceReason.FILTERED);
            assertThat(r.hard()).isFalse();
        });
    }

    @Test
    void aJapaneseNotesFailureReasonShouldNameTheUnlistedRecipient() {
        // Lotus Notes' "Failure Reasons" block in a Japanese client: the reason line, then the address
        BounceReport report = classify("Undeliverable message", """
                ------- Failure Reasons  --------

                宛先がディレクトリのリストにありません
                nobody@notes.example.co.jp


                ------- Returned Message --------
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@notes.example.co.jp");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        });
    }

    @Test
    void aJapaneseDominoReasonShouldNameTheUnlistedRecipient() {
        // Domino's "was not delivered to: / because:" layout with the Japanese router text
        BounceReport report = classify("DELIVERY FAILURE: User nobody not listed", """
                Your message

                  Subject: Spring offers

                was not delivered to:

                  nobody@domino.example.jp

                because:

                  ユーザー nobody (nobody@domino.example.jp) は Domino ディレクトリには見つかりません
                """);

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@domino.example.jp");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        });
    }

    @Test
    void aReportNamingTheRecipientsX400AddressShouldGiveTheAddressTheSenderUsed() {
        // Exchange 5.5/2000 write the X.400 address a recipient resolved to as the Final-Recipient (RFC 3464
        // §2.3.2 allows any address type); the Original-Recipient is what we sent to (RFC 3461 §4.2)
        String mail = """
                From: postmaster@exchange.example.com
                To: sender@shop.example.com
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message did not reach some or all of the intended recipients.

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; exchange.example.com

                Final-Recipient: X400; c=US;a= ;p=Example;o=Site;s=Nobody;
                Original-Recipient: rfc822;nobody@example.com
                Action: failed
                Status: 5.1.1

                --b1--
                """.replace("\n", "\r\n");

        BounceReport report = new BounceClassifier().classify(mail.getBytes(StandardCharsets.UTF_8));

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.com");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        });
    }

    @Test
    void onlyLinesNamingAHostShouldBeLeftOutAsBoilerplate() {
        assertThat(TextBounceReader.withoutHostTrailer("a\nGiving up on 192.0.2.17.\nb")).isEqualTo("a\nb");
        assertThat(TextBounceReader.withoutHostTrailer("Hi. This is the mail delivery agent at mx.example.net.\nb"))
                .isEqualTo("b");
        // the same openings about something else than a host stay
        assertThat(TextBounceReader.withoutHostTrailer("Giving up on delivery.\nb")).isEqualTo("Giving up on delivery.\nb");
        assertThat(TextBounceReader.withoutHostTrailer("This is the third attempt at delivery.\nb"))
                .isEqualTo("This is the third attempt at delivery.\nb");
    }

    @Test
    void aReplyQuotedInTheReasonOfTheRecipientTheReportNamesShouldNotAddItsForwardTargetAsAnotherRecipient() {
        // "The following message to <a> was undeliverable. The reason for the problem: <status> - <label>
        // <reply>": the remote server answered for the forward target it was handed, not for another recipient
        BounceReport report = classify("Returned mail: User unknown", """
                The following message to <ana@forwarder.example> was undeliverable.
                The reason for the problem:
                5.1.0 - Unknown address error 550-'5.1.1 <ana@inbox.example>: Recipient address rejected: User unknown'
                """);
        assertThat(report.recipients()).extracting(r -> r.recipient()).containsExactly("ana@forwarder.example");
    }

    @Test
    void aReplyInAParagraphOfItsOwnShouldStillMarkItsRecipient() {
        BounceReport report = classify("Delivery failure", """
                Your message could not be delivered to <ana@example.org>.

                The remote server said: 550 5.1.1 <bo@example.org>: Recipient address rejected: User unknown
                """);
        assertThat(report.recipients()).extracting(r -> r.recipient())
                .containsExactly("ana@example.org", "bo@example.org");
    }
}
