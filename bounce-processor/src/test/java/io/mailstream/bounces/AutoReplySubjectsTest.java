package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Automatic replies told by their subject or their {@code Precedence} alone, in the forms the Ruby bounce_email
 * gem reads (lib/bounce_email.rb, get_code and check_if_bounce). Synthetic messages, no header says
 * {@code Auto-Submitted}.
 */
class AutoReplySubjectsTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private BounceReport classify(String subject, String precedence) {
        String raw = "From: Kim <kim@example.net>\nTo: news@example.com\nSubject: " + subject + "\n"
                + (precedence == null ? "" : "Precedence: " + precedence + "\n")
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\nThank you for your message.\n";
        return classifier.classify(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void holidayAutoresponderAndGermanAutomaticSubjectsShouldBeVacation() {
        for (String subject : new String[] {"On holiday", "Autoresponder: Spring offers",
                "Automatische Antwort: Spring offers",
                "=?UTF-8?Q?Eingangsbest=C3=A4tigung?=: Spring offers", "Eingangsbestaetigung: Spring offers"}) {
            BounceReport r = classify(subject, null);
            assertThat(r.kind()).as(subject).isEqualTo(BounceKind.AUTO_REPLY);
            assertThat(r.recipients()).as(subject).singleElement()
                    .extracting(RecipientReport::reason).isEqualTo(BounceReason.VACATION);
        }
    }

    @Test
    void aPrecedenceNamingAnAutoResponderShouldBeVacation() {
        BounceReport r = classify("Re: Spring offers", "auto-responder");
        assertThat(r.kind()).isEqualTo(BounceKind.AUTO_REPLY);
    }
}
