package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Reasons said in other languages ({@link LocalizedPhrases}). Messages are synthetic, written from the
 * wording providers and translated MTA templates document; the caution for hard calls is the English one.
 */
class LocalizedPhrasesTest {
    private final ReasonClassifier classifier = new ReasonClassifier();

    private Classification dsn(String status, Integer reply, String diagnostic) {
        return classifier.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status),
                reply == null ? OptionalInt.empty() : OptionalInt.of(reply), diagnostic, diagnostic);
    }

    @Test
    void aUserUnknownInAnyLanguageWithAnAddressingStatusShouldBeAConfidentHardBounce() {
        for (String text : new String[] {
                "550 5.1.1 Benutzer unbekannt (a@example.de)",
                "550 5.1.1 utilisateur inconnu (a@example.fr)",
                "550 5.1.1 usuario desconocido (a@example.es)",
                "550 5.1.1 utente sconosciuto (a@example.it)",
                "550 5.1.1 onbekende gebruiker (a@example.nl)",
                "550 5.1.1 użytkownik nie istnieje (a@example.pl)",
                "550 5.1.1 пользователь не найден (a@example.ru)",
                "550 5.1.1 ユーザが存在しません (a@example.jp)",
                "550 5.1.1 用户不存在 (a@example.cn)"}) {
            Classification c = dsn("5.1.1", 550, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.USER_UNKNOWN);
            assertThat(c.hard()).as(text).isTrue();
            assertThat(c.confidence()).as(text).isEqualTo(Confidence.HIGH);
            assertThat(c.evidence().phraseFamily()).as(text).contains(BounceReason.USER_UNKNOWN);
        }
    }

    @Test
    void aLocalizedUserUnknownAloneShouldNotBeAConfidentHardCall() {
        // a relay quoting a 550 without its command: as "user unknown" in English, a filter may have said it
        Classification quoted = dsn(null, 550, "550 Benutzer unbekannt");
        assertThat(quoted.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(quoted.hard()).isFalse();
        // said to RCPT TO under 5.0.0: hard, but held until a second bounce confirms it
        Classification rcpt = dsn("5.0.0", 550, "said: 550 destinataire inconnu (in reply to RCPT TO command)");
        assertThat(rcpt.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(rcpt.confidence()).isNotEqualTo(Confidence.HIGH);
        assertThat(rcpt.provisionalHard()).isTrue();
    }

    @Test
    void aFullMailboxInAnyLanguageShouldBeMailboxFullAndSoft() {
        // under 5.0.0 / 550, which alone say nothing of a full mailbox
        for (String text : new String[] {"550 Postfach voll", "550 boîte aux lettres pleine", "550 buzón lleno",
                "550 ящик переполнен", "550 容量超過", "550 邮箱已满", "550 skrzynka jest pełna"}) {
            Classification c = dsn("5.0.0", 550, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.MAILBOX_FULL);
            assertThat(c.hard()).as(text).isFalse();
        }
    }

    @Test
    void otherReasonsShouldBeReadInOtherLanguagesToo() {
        assertThat(dsn("5.0.0", 550, "550 domaine inexistant").reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(dsn("5.0.0", 550, "550 域名不存在").reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(dsn("5.0.0", 550, "550 cuenta suspendida").reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(dsn("5.0.0", 550, "550 учетная запись заблокирована").reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(dsn("5.0.0", 552, "552 Nachricht ist zu groß").reason()).isEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(dsn("5.0.0", 550, "550 邮件过大").reason()).isEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(dsn("5.0.0", 554, "554 als Spam erkannt").reason()).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(dsn("5.0.0", 554, "554 被判定为垃圾邮件").reason()).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(dsn("4.0.0", 451, "451 errore interno, riprovare").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(dsn("4.0.0", 451, "451 внутренняя ошибка").reason()).isEqualTo(BounceReason.SYSTEM_ERROR);
        assertThat(dsn("4.0.0", 421, "421 délai dépassé").reason()).isEqualTo(BounceReason.EXPIRED);
        assertThat(dsn("5.0.0", 554, "554 votre adresse IP bloquée").reason()).isEqualTo(BounceReason.BLOCKED);
    }

    @Test
    void aRecipientsReceptionRefusalShouldBeFilteredAndSoft() {
        // Japanese carriers' domain-specified reception filter ("受信拒否"): the recipient's choice
        Classification c = dsn("5.0.0", 550, "550 受信拒否");
        assertThat(c.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(c.hard()).isFalse();
    }

    @Test
    void aGroupRefusingANonMembersPostInAnyLanguageShouldBeRejectedAndSoft() {
        for (String text : new String[] {"Sie haben keine Berechtigung zum Posten in dieser Gruppe",
                "vous n'avez pas l'autorisation de publier dans ce groupe", "no tienes permiso para publicar en el grupo"}) {
            Classification c = dsn(null, null, text);
            assertThat(c.reason()).as(text).isEqualTo(BounceReason.REJECTED);
            assertThat(c.hard()).as(text).isFalse();
        }
    }
}
