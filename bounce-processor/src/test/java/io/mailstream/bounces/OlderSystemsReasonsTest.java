package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reasons in text reports of 1990s-2000s mail systems, as Sympa's anabounce reads them (issue 16, branch
 * {@code sym}): the user-unknown wordings its table maps to 5.1.1 (BounceMessage.pm {@code %equiv}) and the
 * reason Sendmail writes into its subject ("Returned mail: ..."). Synthetic reports, never copied from a
 * collection of real bounces.
 */
class OlderSystemsReasonsTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] textBounce(String subject, String reason) {
        String mail = """
                From: MAILER-DAEMON@mx.example.org
                To: sender@example.com
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Your message could not be delivered to:

                   nobody@example.org

                %s
                """.formatted(subject, reason).replace("\n", "\r\n");
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    private RecipientReport only(byte[] raw) {
        List<RecipientReport> recipients = classifier.classify(raw).recipients();
        assertThat(recipients).hasSize(1);
        assertThat(recipients.get(0).recipient()).isEqualTo("nobody@example.org");
        return recipients.get(0);
    }

    @Test
    void theUserUnknownWordingsOfOlderSystemsShouldBeUserUnknown() {
        for (String said : List.of(
                "The recipient name is not recognized",                          // Exchange 5.5
                "Receiver not found: nobody",                                    // CompuServe
                "Invalid receiver address: nobody",                              // CompuServe (KB Q136413)
                "Unknown QuickMail recipient(s)",                                // QuickMail
                "nobody... not known at this site",                              // Smail
                "Le nom du destinataire n'est pas reconnu",                      // Exchange, French
                "Utilisateur non recensé dans le carnet d'adresses public")) {   // Lotus Notes, French
            assertThat(only(textBounce("Undeliverable mail", said)).reason()).as(said).isEqualTo(BounceReason.USER_UNKNOWN);
        }
    }

    @Test
    void sendmailsReturnedMailSubjectShouldGiveTheReasonOnlyWhenTheTextSaysNone() {
        String nothing = "The message could not be stored.";
        assertThat(only(textBounce("Returned mail: Quota exceeded for user nobody@example.org", nothing)).reason())
                .isEqualTo(BounceReason.MAILBOX_FULL);
        // the text's own reason wins over the subject's
        assertThat(only(textBounce("Returned mail: Quota exceeded", "Reason: no such user")).reason())
                .isEqualTo(BounceReason.USER_UNKNOWN);
        // "see transcript" names nothing, and another MTA's subject quotes the returned message's own subject
        assertThat(only(textBounce("Returned mail: see transcript for details", nothing)).reason())
                .isNotEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(only(textBounce("Undeliverable: Quota exceeded", nothing)).reason())
                .isNotEqualTo(BounceReason.MAILBOX_FULL);
    }
}
