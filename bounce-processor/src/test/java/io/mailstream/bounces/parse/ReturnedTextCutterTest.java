package io.mailstream.bounces.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.BounceReport;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cutter stops at the line that introduces the returned message, not at a sentence about the
 * original (issue 16). Synthetic texts written from the layouts the MTAs document: Sendmail's
 * savemail.c {@code errbody()}, Exim's bounce message, qmail-send, Exchange, Domino.
 */
class ReturnedTextCutterTest {
    /** Sendmail's text report: a banner about the original on top, the diagnostic below it. */
    private static final String SENDMAIL_REPORT = """
            This is a text-only delivery report.

            The original message was received at Mon, 2 Mar 2026 10:00:00 +0100
            from client.example.net [192.0.2.10]

               ----- The following addresses had permanent fatal errors -----
            <nobody@example.org>
                (reason: 550 5.1.1 <nobody@example.org>... User unknown)

               ----- Transcript of session follows -----
            ... while talking to mx.example.org.:
            >>> RCPT To:<nobody@example.org>
            <<< 550 5.1.1 <nobody@example.org>... User unknown
            """;

    private static final String RETURNED = """

            Return-Path: <sender@example.net>
            From: sender@example.net
            To: colleague@example.com
            Subject: the returned mail

            Please call me.
            """;

    @Test
    void sendmailsBannerAboutTheOriginalAtTheTopShouldNotCutAwayTheDiagnosticBelowIt() {
        String cut = ReturnedTextCutter.cut(SENDMAIL_REPORT);

        assertThat(cut).isEqualTo(SENDMAIL_REPORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "   ----- Original message follows -----",
            "   ----- Message header follows -----",
            "   ----- Unsent message follows -----",
            "------ This is a copy of the message, including all the headers. ------",
            "--- Below this line is a copy of the message.",
            "--- Enclosed are the original headers of the message.",
            "Original message headers:",
            "-----Original Message-----",
            "------- Returned Message --------",
            "Received: from client.example.net (client.example.net [192.0.2.10])"})
    void aLineThatIntroducesTheReturnedMessageShouldCutTheReportThere(String boundary) {
        String cut = ReturnedTextCutter.cut(SENDMAIL_REPORT + "\n" + boundary + "\n" + RETURNED);

        assertThat(cut).isEqualTo(SENDMAIL_REPORT + "\n");
    }

    /**
     * The end sentences of Mailman's flufl.bounce ({@code _detectors/simplematch.py}), each a line naming the
     * message and ending on a word saying it comes next, or a heading with a colon naming the copy
     * ({@code CopyIntroduction}); the wordings are written here in the same forms, not all in that list.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "--------RETURNED MAIL FOLLOWS--------",
            "Original message attached.",
            "|------------------------- Message text follows: ------------------------|",
            "--- Below the next line is a copy of the message.",
            "A copy of the original message below this line:",
            "   -- The header and top 20 lines of the message follows --",
            "--- The header of the original message is following. ---",
            "Old message:",
            "Your message reads (in part):",
            "Included is a copy of the message header:",
            "Here is your returned mail:",
            "---- START OF RETURNED MESSAGE ----",
            "************************ End of message **********************",
            "==== Your mail is attached ===="})
    void aLineThatIntroducesTheCopyByWhatItSaysShouldCutTheReportThere(String boundary) {
        String cut = ReturnedTextCutter.cut(SENDMAIL_REPORT + "\n" + boundary + "\n" + RETURNED.replace("Return-Path: <sender@example.net>\n", ""));

        assertThat(cut).isEqualTo(SENDMAIL_REPORT + "\n");
    }

    /**
     * Lines that end on "below" / "follows" / a colon but go on explaining: Postfix's "delete your own text from
     * the attached returned message" wrapped mid-sentence, a sentence about the delivery, the session transcript,
     * Smail's message log, a summary field, Microsoft 365's admin section pointer.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "delete your own text from the message returned below.",
            "The following message could not be delivered:",
            "Your mail could not be delivered; the details follow",
            "   ----- Transcript of session follows -----",
            "|------------------------- Message log follows: -------------------------|",
            "Subject: Your spring mail is attached",
            "If you're an email admin, refer to the More Info for Email Admins section below.",
            "A message is delayed for more than 4 hours for the following"})
    void aLineAboutTheDeliveryThatEndsOnAFollowWordShouldNotCut(String line) {
        String text = "Delivery has failed.\n" + line + "\n<nobody@example.org>: 550 5.1.1 recipient not found\n";

        assertThat(ReturnedTextCutter.cut(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Original message was received at Mon, 2 Mar 2026 10:00:00 +0100",
            "Original Message Details",
            "The original message was delivered to a mailbox that is full."})
    void aSentenceThatGoesOnAboutTheOriginalShouldNotCut(String line) {
        String text = "Delivery has failed.\n" + line + "\nError Details\nReported error: 550 5.1.10 recipient not found\n";

        assertThat(ReturnedTextCutter.cut(text)).isEqualTo(text);
    }

    @Test
    void aTextOnlySendmailReportShouldBeClassifiedFromTheDiagnosticBelowItsBannerAndNotFromTheReturnedMail() {
        String mail = """
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.com>
                To: sender@example.net
                Subject: Returned mail: see transcript for details
                Auto-Submitted: auto-generated (failure)

                %s
                   ----- Original message follows -----
                %s""".formatted(SENDMAIL_REPORT, RETURNED).replace("\n", "\r\n");

        BounceReport report = new BounceClassifier().classify(mail.getBytes(StandardCharsets.US_ASCII));

        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.recipient()).isEqualTo("nobody@example.org");
            assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(r.diagnostic()).contains("550 5.1.1").doesNotContain("Please call me");
        });
    }
}
