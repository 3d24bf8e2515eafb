package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.DelayWarning;
import io.mailstream.bounces.support.SampleBounces;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A text bounce without an Action field whose banner says the MTA is still trying is a delay
 * warning: never a hard bounce, whatever its last attempt heard, and reported with the action
 * {@code delayed} (RFC 3464 §2.3.3), so that it counts as a deferral (issue 16). Synthetic messages
 * written from Exim's default warning and bounce layouts.
 */
class DelayWarningTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] eximReport(String opening, String closing) {
        String mail = """
                From: Mail Delivery System <Mailer-Daemon@mx.example.org>
                To: s@example.net
                Subject: Mail delivery report
                MIME-Version: 1.0
                Content-Type: text/plain; charset=us-ascii

                This message was created automatically by mail delivery software.
                %s

                  a@example.com
                    user unknown

                %s
                """.formatted(opening, closing).replace("\n", "\r\n");
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theBannersOfSendmailPostfixEximAndGmailShouldReadAsDelayWarnings() {
        assertThat(DelayWarning.in("    **      THIS IS A WARNING MESSAGE ONLY      **")).isTrue();
        assertThat(DelayWarning.in("# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #")).isTrue();
        assertThat(DelayWarning.in("No action is required on your part. Delivery attempts will continue for some time")).isTrue();
        assertThat(DelayWarning.in("Gmail will retry for 46 more hours.")).isTrue();
        assertThat(DelayWarning.in("This is a permanent error. The following address(es) failed")).isFalse();
        // the warnings Mailman's flufl.bounce stops at (_detectors/simplewarning.py): MessageSwitch, Gmail, Exchange
        assertThat(DelayWarning.in("This is just a warning, you do not need to take any action.")).isTrue();
        assertThat(DelayWarning.in("Delivery to the following recipient has been delayed:\n\n     a@example.com")).isTrue();
        assertThat(DelayWarning.in("This is an advisory-only email.\nDelivery of the message to \"a@example.com\" has been postponed."))
                .isTrue();
        assertThat(DelayWarning.in("Delivery to a@example.com has been postponed. This is a permanent error; I've given up."))
                .isFalse();
        assertThat(DelayWarning.in(null)).isFalse();
    }

    @Test
    void aReportCallingItsErrorTransientOrSayingDeliveryWillBeRetriedShouldReadAsADelayWarning() {
        // branch dbp: BounceParser's "nonfatal errors usually say they're transient"
        assertThat(DelayWarning.in("This is a transient error: the remote server was busy.")).isTrue();
        assertThat(DelayWarning.in("A transient failure occurred while talking to mx.example.org.")).isTrue();
        assertThat(DelayWarning.in("Delivery to a@example.org will be retried for 4 more days.")).isTrue();
        // a final headline still outranks it
        assertThat(DelayWarning.in("This is a permanent error; I've given up.\nAn earlier transient error was logged.")).isFalse();
    }

    @Test
    void aRetryNoteInsideAFinalFailureReportShouldNotMakeItADelayWarning() {
        // Gmail's delay notice says "will retry"; its final report says "failed permanently"
        assertThat(DelayWarning.in("Delivery to the following recipient has been delayed: a@example.com "
                + "Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.")).isTrue();
        assertThat(DelayWarning.in("Delivery to the following recipient failed permanently: a@example.com "
                + "The remote server said earlier that Gmail will retry for 46 more hours.")).isFalse();
        // a warning-only banner wins over any other wording
        assertThat(DelayWarning.in("THIS IS A WARNING MESSAGE ONLY. It will retry for 5 days; "
                + "if it has not been delivered then, this becomes a permanent error.")).isTrue();
        assertThat(DelayWarning.in("THIS IS A WARNING ONLY. YOU DO NOT NEED TO RESEND YOUR MESSAGE. "
                + "Delivery has failed to these recipients only if the queue time runs out.")).isTrue();
        assertThat(DelayWarning.in("No action is required on your part. Delivery attempts will continue; "
                + "if they fail, this is a permanent error.")).isTrue();
        BounceReport failure = classifier.classify(eximReport(
                "A message that you sent could not be delivered to one or more of its recipients. "
                        + "This is a permanent error.",
                "(the first attempt's notice said delivery attempts will continue; they have ended)"));
        assertThat(failure.recipients()).singleElement().satisfies(x -> {
            assertThat(x.action()).isEqualTo(DsnAction.FAILED);
            assertThat(x.hard()).isTrue();
        });
    }

    @Test
    void aUserUnknownInADelayWarningShouldNotBeHardButTheSameInAFailureReportIs() {
        BounceReport warning = classifier.classify(eximReport(
                "A message that you sent has not yet been delivered to one or more of its recipients.",
                "No action is required on your part. Delivery attempts will continue for some time."));
        assertThat(warning.recipients()).singleElement().satisfies(x -> {
            assertThat(x.recipient()).isEqualTo("a@example.com");
            assertThat(x.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(x.hard()).isFalse();
        });
        BounceReport failure = classifier.classify(eximReport(
                "A message that you sent could not be delivered to one or more of its recipients.",
                "This is a permanent error."));
        assertThat(failure.recipients()).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(x.hard()).isTrue();
        });
    }

    @Test
    void aTextOnlyDelayWarningShouldReportItsRecipientAsDelayedAndAFailureReportAsFailed() {
        // a soft diagnostic too: a warning is a deferral whatever its last attempt heard
        for (String diagnostic : List.of("452 4.2.2 mailbox full", "550 5.1.1 user unknown")) {
            RecipientReport warning = single(SampleBounces.eximDelayWarning("a@example.org", "m1", diagnostic));
            assertThat(warning.action()).as(diagnostic).isEqualTo(DsnAction.DELAYED);
            assertThat(warning.hard()).as(diagnostic).isFalse();

            RecipientReport failure = single(SampleBounces.eximFailure("a@example.org", "m1", diagnostic));
            assertThat(failure.action()).as(diagnostic).isEqualTo(DsnAction.FAILED);
        }
    }

    private RecipientReport single(byte[] mail) {
        List<RecipientReport> recipients = classifier.classify(mail).recipients();
        assertThat(recipients).extracting(RecipientReport::recipient).containsExactly("a@example.org");
        return recipients.getFirst();
    }
}
