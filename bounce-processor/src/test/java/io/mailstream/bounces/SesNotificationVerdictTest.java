package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.MtaFamily;
import io.mailstream.bounces.classify.RuleSelection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An Amazon SES bounce notification (SNS JSON forwarded by mail) whose recipient carries no
 * diagnostic that decides: its bounceType / bounceSubType, as documented in "Amazon SNS notification
 * contents for Amazon SES" (https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html), name
 * the reason and the class (issue 16). The notifications are written here from that page's field list,
 * not taken from any sample collection.
 */
class SesNotificationVerdictTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] notification(String type, String subType, String recipientFields) {
        String json = "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"" + type + "\",\"bounceSubType\":\""
                + subType + "\",\"bouncedRecipients\":[{\"emailAddress\":\"nobody@example.org\"" + recipientFields + "}],"
                + "\"timestamp\":\"2026-12-04T10:00:00.000Z\",\"feedbackId\":\"0100-abc\"},"
                + "\"mail\":{\"timestamp\":\"2026-12-04T09:59:58.000Z\",\"source\":\"sender@example.com\","
                + "\"messageId\":\"0100-def\",\"destination\":[\"nobody@example.org\"]}}";
        String mail = "From: no-reply@sns.amazonaws.com\r\nTo: bounces@example.com\r\nSubject: AWS Notification Message\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + json + "\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    private RecipientReport only(BounceClassifier c, byte[] raw) {
        BounceReport r = c.classify(raw);
        assertThat(r.recipients()).hasSize(1);
        return r.recipients().get(0);
    }

    @Test
    void aPermanentNoEmailBounceWithoutADiagnosticShouldBeAnUnknownUserAndHard() {
        RecipientReport r = only(classifier, notification("Permanent", "NoEmail", ",\"action\":\"failed\""));
        assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(r.hard()).isTrue();
        assertThat(r.evidence().providerRule()).contains("amazon/userunknown");
    }

    @Test
    void suppressedAndTransientSubTypesShouldNameTheirReasonsAndStaySoft() {
        RecipientReport suppressed = only(classifier, notification("Permanent", "OnAccountSuppressionList", ""));
        assertThat(suppressed.reason()).isEqualTo(BounceReason.SUPPRESSED);
        assertThat(suppressed.hard()).isFalse();
        RecipientReport full = only(classifier, notification("Transient", "MailboxFull", ""));
        assertThat(full.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(full.status()).hasValueSatisfying(s -> assertThat(s.isTransient()).isTrue());
        assertThat(full.hard()).isFalse();
        assertThat(only(classifier, notification("Transient", "MessageTooLarge", "")).reason())
                .isEqualTo(BounceReason.MESG_TOO_BIG);
    }

    @Test
    void theRecipientsOwnDiagnosticShouldStillDecideOverTheSubType() {
        RecipientReport r = only(classifier, notification("Permanent", "General",
                ",\"action\":\"failed\",\"status\":\"5.2.2\",\"diagnosticCode\":\"smtp; 552 5.2.2 Mailbox full\""));
        assertThat(r.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        RecipientReport noEmail = only(classifier, notification("Permanent", "NoEmail",
                ",\"action\":\"failed\",\"status\":\"5.7.1\",\"diagnosticCode\":\"smtp; 550 5.7.1 Message rejected as spam\""));
        assertThat(noEmail.reason()).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(noEmail.hard()).isFalse();
    }

    @Test
    void withoutAmazonsRulesTheSubTypeDecidesNothing() {
        BounceClassifier without = new BounceClassifier(BounceLimits.DEFAULTS, RuleSelection.without(MtaFamily.AMAZON));
        assertThat(only(without, notification("Permanent", "NoEmail", "")).reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
    }
}
