package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Short automatic answers that are no bounce, recognised by what their first text says or by a challenge-response
 * system's header, in the concepts of Perl's Mail::DeliveryStatus::BounceParser (CPAN, {@code parse}; issue 16,
 * branch {@code dbp}). Synthetic messages from a person's address with a subject that names no failure.
 */
class AutomaticNoticesTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private BounceReport classify(String extraHeader, String subject, String body) {
        String mail = "From: Pat Person <pat@example.org>\r\nTo: news@brand.example.com\r\n" + extraHeader
                + "Subject: " + subject + "\r\nContent-Type: text/plain\r\n\r\n" + body.replace("\n", "\r\n");
        return classifier.classify(mail.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOutOfOfficeOrChallengeTextUnderAPlainSubjectShouldBeAnAutoReplyNotABounce() {
        String[] bodies = {
                "Hello, I am on vacation until 17 March and will read my mail when I return.\n",
                "I will be out of the office starting 3 March.\n",
                "This is an automatic reply. Your mail has reached us.\n",
                "Your server requires confirmation of your message before it is delivered. Reply to confirm.\n",
                "Please add yourself to my guest list so your message reaches me.\n",
                "Please verify that you are a person by clicking the link below.\n"};
        for (String body : bodies) {
            BounceReport r = classify("", "Re: Spring newsletter", body);
            assertThat(r.kind()).as(body).isEqualTo(BounceKind.AUTO_REPLY);
            assertThat(r.recipients()).as(body).allSatisfy(x -> assertThat(x.hard()).isFalse());
        }
        // TMDA and Bluebottle say it in a header of their own
        assertThat(classify("X-Delivery-Agent: TMDA/1.0.3\r\n", "Re: Spring newsletter", "Your message has been held.\n")
                .kind()).isEqualTo(BounceKind.AUTO_REPLY);
        assertThat(classify("X-Bluebottle-Request: sender-verify\r\n", "Please confirm", "Click the link.\n")
                .kind()).isEqualTo(BounceKind.AUTO_REPLY);
        // a mail system's report keeps being read as a bounce whatever its text mentions
        String report = "From: MAILER-DAEMON@mx.example.org\r\nTo: news@brand.example.com\r\nSubject: Returned mail\r\n"
                + "Content-Type: text/plain\r\n\r\n<anne@example.org>: no such user (auto-reply disabled)\r\n";
        assertThat(classifier.classify(report.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(BounceKind.DSN);
    }

    @Test
    void anAddressChangeNoticeThatSaysTheMessageWasForwardedShouldNotBeAHardBounce() {
        BounceReport r = classify("", "Address change notice", """
                Please note: my email address has changed to new.addr@example.com.
                Your message has been forwarded to my new address; please update your address book.
                """);
        assertThat(r.kind()).isEqualTo(BounceKind.AUTO_REPLY);
        assertThat(r.recipients()).allSatisfy(x -> {
            assertThat(x.hard()).isFalse();
            assertThat(x.reason()).isEqualTo(BounceReason.VACATION);
        });
        assertThat(r.recipients()).extracting(RecipientReport::recipient).doesNotContain("new.addr@example.com");
        // an auto-reply that says the address changed and nothing of the message passed on still says it moved
        BounceReport moved = classify("Auto-Submitted: auto-replied\r\n", "Address change notice",
                "My address has changed to new.addr@example.com. Please write there.\n");
        assertThat(moved.recipients()).extracting(RecipientReport::reason).containsOnly(BounceReason.HAS_MOVED);
    }

    @Test
    void anAutoReplysDisclaimerInASecondPartShouldNotMakeItABounceInDisguise() {
        String mail = """
                From: Dina Person <dina@example.org>
                To: news@brand.example.com
                Auto-Submitted: auto-replied
                Subject: Re: Spring newsletter
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain

                Thank you for your message. I am away until 10 March.
                --m
                Content-Type: text/plain

                DISCLAIMER: this e-mail is confidential. If you received it in error, the address may not exist.
                --m--
                """.replace("\n", "\r\n");
        BounceReport r = classifier.classify(mail.getBytes(StandardCharsets.UTF_8));
        assertThat(r.kind()).isEqualTo(BounceKind.AUTO_REPLY);
        assertThat(r.recipients()).allSatisfy(x -> {
            assertThat(x.hard()).isFalse();
            assertThat(x.reason()).isEqualTo(BounceReason.VACATION);
        });
        // the first part's own words still decide: an auto-reply saying the account is gone is a bounce in disguise
        BounceReport gone = classify("Auto-Submitted: auto-replied\r\n", "Re: Spring newsletter",
                "This mailbox does not exist anymore. Please remove it from your list.\n");
        assertThat(gone.recipients()).extracting(RecipientReport::reason).containsOnly(BounceReason.USER_UNKNOWN);
    }

    @Test
    void aForgedNoticeFullOfAddressChangeWordsShouldClassifyInMilliseconds() {
        String body = "address domain changed retired has been ".repeat(70) + "\n";
        for (int i = 0; i < 5; i++) {
            classify("", "Re: Spring newsletter", body); // warm-up
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            classify("", "Re: Spring newsletter", body);
        }
        // a backtracking pattern would take seconds here; the bound leaves room for a loaded machine
        assertThat((System.nanoTime() - start) / 20 / 1_000_000).isLessThan(100);
    }
}
