package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.support.SampleBounces;
import org.junit.jupiter.api.Test;

/**
 * Amazon SES's legacy DSNs put their own status and a category label in front of the reply they
 * quote ("5.1.0 - Unknown address error 550-'...'", the layout Sisimai's Lhost::AmazonSES describes);
 * the label is no evidence, the quoted reply is ({@code classify.RelayedReply}). Synthetic reports.
 */
class SesLegacyDiagnosticTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private RecipientReport classify(String diagnostic) {
        BounceReport r = classifier.classify(SampleBounces.dsn("nobody@example.org", "m-1", "5.0.0", diagnostic));
        assertThat(r.recipients()).hasSize(1);
        return r.recipients().get(0);
    }

    @Test
    void sesCategoryLabelShouldNotTurnAQuotedSpamRefusalIntoAFilteredUnknownUser() {
        RecipientReport spam = classify("5.1.0 - Unknown address error 550-'5.7.1 Message rejected as spam by Content "
                + "Filtering' (delivery attempts: 0)");
        assertThat(spam.reason()).isEqualTo(BounceReason.SPAM_DETECTED);
        assertThat(spam.hard()).isFalse();
        // the diagnostic reported stays as SES wrote it
        assertThat(spam.diagnostic()).startsWith("5.1.0 - Unknown address error");
    }

    @Test
    void aQuotedUnknownUserBehindTheLabelShouldStayAnUnknownUser() {
        RecipientReport r = classify("5.1.0 - Unknown address error 550-'5.1.1 <nobody@example.org>... User unknown' "
                + "(delivery attempts: 0)");
        assertThat(r.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
    }
}
