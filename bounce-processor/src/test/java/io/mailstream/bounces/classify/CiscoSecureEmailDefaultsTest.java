package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/**
 * Cisco Secure Email's default SMTP responses ({@link CiscoSecureEmailDefaults}), written as the AsyncOS guides
 * print them and wrapped the way a Postfix relay quotes a reply; each also checked to read otherwise without them.
 */
class CiscoSecureEmailDefaultsTest {
    private static final String ESA = "esa1.example-corp.iphmx.com";

    private static Classification failed(ReasonClassifier c, String status, int code, String reply, String command) {
        return RelayQuotedReplies.failed(c, status, code, reply, ESA, command);
    }

    private static final ReasonClassifier ALL = new ReasonClassifier();
    private static final ReasonClassifier WITHOUT = new ReasonClassifier(RuleSelection.without(MtaFamily.CISCO_ESA));

    @Test
    void theHatsReputationRefusalAtTheGreetingShouldBeABadReputationNotABlockedHost() {
        String hat = "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. "
                + "If you believe that this failure is in error, please contact the intended recipient via alternate means.";
        Classification refused = failed(ALL, "5.0.0", 554, hat, null);
        assertThat(refused.reason()).isEqualTo(BounceReason.BAD_REPUTATION);
        assertThat(refused.hard()).isFalse();
        assertThat(failed(WITHOUT, "5.0.0", 554, hat, null).reason()).isNotEqualTo(BounceReason.BAD_REPUTATION);
    }

    @Test
    void theAuthenticationDefaultsShouldBeAuthFailuresNotSecurityErrors() {
        for (String reply : new String[] {"550 #5.7.1 SPF unauthorized mail is prohibited.",
                "550 #5.7.1 DKIM unauthenticated mail is prohibited.", "550 #5.7.1 DMARC unauthenticated mail is prohibited."}) {
            assertThat(failed(ALL, "5.7.1", 550, reply, "DATA").reason()).as(reply).isEqualTo(BounceReason.AUTH_FAILURE);
            assertThat(failed(WITHOUT, "5.7.1", 550, reply, "DATA").reason()).as(reply).isNotEqualTo(BounceReason.AUTH_FAILURE);
        }
    }
}
