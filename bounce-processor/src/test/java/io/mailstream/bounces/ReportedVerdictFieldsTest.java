package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.MtaFamily;
import io.mailstream.bounces.classify.RuleSelection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A reporting MTA's own verdict field decides when the diagnostic does not (issue 16): PowerMTA's
 * {@code X-PowerMTA-BounceCategory} (categories of the PowerMTA User's Guide, "bounce-category-patterns")
 * and au EZweb's {@code X-SPASIGN: NG} filter mark. The reports are written here from those formats'
 * descriptions, not taken from any sample collection.
 */
class ReportedVerdictFieldsTest {
    private final BounceClassifier classifier = new BounceClassifier();

    /** A PowerMTA-style multipart/report whose recipient group carries the given fields. */
    private static byte[] powerMtaReport(String recipientFields) {
        String mail = """
                From: postmaster@pmta.example.net
                To: bounces@example.com
                Subject: Delivery report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Hello, this is the mail server on pmta.example.net.

                  <ana@example.org>  delivery failed; will not continue trying

                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; pmta.example.net

                Final-Recipient: rfc822; ana@example.org
                Action: failed
                """ + recipientFields + """

                --b1--
                """;
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static RecipientReport only(BounceClassifier c, byte[] raw) {
        BounceReport r = c.classify(raw);
        assertThat(r.recipients()).hasSize(1);
        return r.recipients().get(0);
    }

    @Test
    void aBadMailboxCategoryWithoutADiagnosticShouldBeAProvisionalHardUnknownUser() {
        RecipientReport r = only(classifier, powerMtaReport("Status: 5.0.0\nX-PowerMTA-BounceCategory: bad-mailbox\n"));
        assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(r.hard()).isTrue();
        assertThat(r.confidence()).as("PowerMTA's own pattern match, not the remote's word").isEqualTo(Confidence.LOW);
        assertThat(r.evidence().providerRule()).contains("powermta/bad-mailbox");
    }

    @Test
    void softCategoriesShouldNameTheirReasonsAndStaySoft() {
        RecipientReport full = only(classifier, powerMtaReport("Status: 4.0.0\nX-PowerMTA-BounceCategory: quota-issues\n"));
        assertThat(full.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(full.hard()).isFalse();
        RecipientReport inactive = only(classifier, powerMtaReport("Status: 5.0.0\nX-PowerMTA-BounceCategory: inactive-mailbox\n"));
        assertThat(inactive.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(inactive.hard()).isFalse();
        assertThat(only(classifier, powerMtaReport("Status: 5.0.0\nX-PowerMTA-BounceCategory: spam-related\n")).reason())
                .isEqualTo(BounceReason.SPAM_DETECTED);
    }

    @Test
    void theRemoteRepliesOwnDiagnosticShouldStillDecideOverTheCategory() {
        RecipientReport r = only(classifier, powerMtaReport("Status: 5.7.1\n"
                + "Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam\nX-PowerMTA-BounceCategory: bad-mailbox\n"));
        assertThat(r.reason()).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(r.hard()).isFalse();
    }

    @Test
    void aCategoryInTheReportsOwnHeaderShouldSpeakForItsRecipients() {
        String mail = """
                From: postmaster@pmta.example.net
                To: bounces@example.com
                Subject: Delivery report
                X-PowerMTA-BounceCategory: bad-domain

                Hello, this is the mail server on pmta.example.net.

                  <ana@nowhere.example.org>  delivery failed; will not continue trying
                """;
        RecipientReport r = only(classifier, mail.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(r.reason()).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(r.provisionalHard()).isTrue();
    }

    @Test
    void withoutPowerMtasRulesTheCategoryDecidesNothing() {
        BounceClassifier without = new BounceClassifier(BounceLimits.DEFAULTS, RuleSelection.without(MtaFamily.POWERMTA));
        RecipientReport r = only(without, powerMtaReport("Status: 5.0.0\nX-PowerMTA-BounceCategory: bad-mailbox\n"));
        assertThat(r.reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
    }

    private static byte[] ezwebReport(String sentence) {
        String mail = """
                From: <Postmaster@ezweb.ne.jp>
                To: <bounces@example.com>
                Subject: Mail System Error - Returned Mail
                X-SPASIGN: NG

                %s

                <mika@ezweb.ne.jp>

                --------------------------------------------------
                """.formatted(sentence);
        return mail.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void ezwebsFilterMarkShouldMakeABarePhraseFiltered() {
        RecipientReport r = only(classifier, ezwebReport("The user(s) account is disabled."));
        assertThat(r.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(r.hard()).isFalse();
        assertThat(r.evidence().providerRule()).contains("ezweb/x-spasign-ng");
        BounceClassifier without = new BounceClassifier(BounceLimits.DEFAULTS,
                RuleSelection.without(MtaFamily.JAPANESE_CARRIER));
        assertThat(only(without, ezwebReport("The user(s) account is disabled.")).reason())
                .isNotEqualTo(BounceReason.FILTERED);
    }

    @Test
    void ezwebsFilterMarkShouldNotOverrideAQuotedReplyWithItsCodes() {
        RecipientReport r = only(classifier, ezwebReport("The user(s) account is temporarily over quota. 452 4.2.2 Mailbox full"));
        assertThat(r.reason()).isEqualTo(BounceReason.MAILBOX_FULL);
    }
}
