package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Provider rules declare their family and source, and are switched off with their family. */
class ProviderRulesTest {

    @Test
    void everyProviderRuleShouldCiteItsSourceAndUseLowerCasePhrases() {
        assertThat(ProviderRules.all()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.source()).isNotBlank();
            assertThat(rule.phrases()).allSatisfy(p -> assertThat(p).isEqualTo(p.toLowerCase(Locale.ROOT)));
        });
    }

    @Test
    void aProviderRuleShouldDecideAndBeNamedInTheEvidenceWhileItsFamilyIsOn() {
        Classification c = new ReasonClassifier().classify(null, null,
                "The email account that you tried to reach is disabled.");
        assertThat(c.reason()).isEqualTo(BounceReason.SUSPEND);
        assertThat(c.evidence().providerRule()).contains("google/suspend");
    }

    @Test
    void withholdingAFamilyShouldSwitchOffExactlyItsOwnRules() {
        // a text only Google writes (Gmail's "account ... is disabled" is read by the general suspend pattern too)
        String text = "421 4.7.0 IP not in whitelist for RCPT domain, closing connection.";
        assertThat(new ReasonClassifier().classify(null, null, text).evidence().providerRule()).contains("google/blocked");
        Classification withoutGoogle = new ReasonClassifier(RuleSelection.without(MtaFamily.GOOGLE)).classify(null, null, text);
        assertThat(withoutGoogle.reason()).isNotEqualTo(BounceReason.BLOCKED);
        assertThat(withoutGoogle.evidence().providerRule()).isEmpty();

        Classification withoutQmail = new ReasonClassifier(RuleSelection.without(MtaFamily.QMAIL)).classify(null, null, text);
        assertThat(withoutQmail.reason()).as("another family withheld changes nothing here").isEqualTo(BounceReason.BLOCKED);

        String qmail = "Sorry, no mailbox here by that name. (#5.1.1)";
        assertThat(new ReasonClassifier().classify(null, null, qmail).evidence().providerRule()).contains("qmail/userunknown");
        assertThat(new ReasonClassifier(RuleSelection.without(MtaFamily.QMAIL)).classify(null, null, qmail)
                .evidence().providerRule()).isEmpty();
    }
}
