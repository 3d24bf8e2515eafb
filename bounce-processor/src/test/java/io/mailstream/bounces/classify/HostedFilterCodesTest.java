package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.RelayQuotedReplies.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/**
 * Hosted filtering services' own codes ({@link HostedFilterCodes}). Each reply is synthetic: the documented code
 * wrapped in words of our own, as a Postfix relay quotes it; each test also checks that without the service's
 * rules the general rules read the reply otherwise, so it fails without its rule.
 */
class HostedFilterCodesTest {
    private static final ReasonClassifier ALL = new ReasonClassifier();
    private static final ReasonClassifier WITHOUT_SOPHOS = new ReasonClassifier(RuleSelection.without(MtaFamily.SOPHOS));
    private static final ReasonClassifier WITHOUT_HORNET =
            new ReasonClassifier(RuleSelection.without(MtaFamily.HORNETSECURITY));
    private static final String SOPHOS = "mx-01.prod.hydra.sophos.com";
    private static final String HORNET = "mx01.hornetsecurity.com";

    @Test
    void sophosCodesShouldNameTheirVerdictWhateverTheWordsAroundThem() {
        String blockList = "550 5.7.1 Message rejected XGEMAIL_0008";
        String notProtected = "550 5.7.1 <prv@example.org> Recipient rejected XGEMAIL_0010";
        String noSuchUser = "550 5.7.1 Message rejected XGEMAIL_0011";
        String rate = "452 4.7.1 Try again later XGEMAIL_0014";
        String rbl = "554 5.7.1 Access denied XGEMAIL_0004";
        String dmarc = "550 5.7.1 Message rejected XGEMAIL_0003";

        assertThat(failed(ALL, "5.7.1", 550, blockList, SOPHOS, "RCPT TO").reason()).isEqualTo(BounceReason.REJECTED);
        Classification domainNotProtected = failed(ALL, "5.7.1", 550, notProtected, SOPHOS, "RCPT TO");
        assertThat(domainNotProtected.reason()).isEqualTo(BounceReason.NO_RELAYING);
        assertThat(domainNotProtected.hard()).isFalse();
        Classification unknown = failed(ALL, "5.7.1", 550, noSuchUser, SOPHOS, "RCPT TO");
        assertThat(unknown.reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(ALL, "4.7.1", 452, rate, SOPHOS, "RCPT TO").reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(failed(ALL, "5.7.1", 554, rbl, SOPHOS, null).reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed(ALL, "5.7.1", 550, dmarc, SOPHOS, "DATA").reason()).isEqualTo(BounceReason.AUTH_FAILURE);

        // without Sophos's codes: a policy refusal, a hard unknown user, something else than the documented verdicts
        assertThat(failed(WITHOUT_SOPHOS, "5.7.1", 550, blockList, SOPHOS, "RCPT TO").reason()).isNotEqualTo(BounceReason.REJECTED);
        assertThat(failed(WITHOUT_SOPHOS, "5.7.1", 550, notProtected, SOPHOS, "RCPT TO").reason())
                .isNotEqualTo(BounceReason.NO_RELAYING);
        assertThat(failed(WITHOUT_SOPHOS, "5.7.1", 550, noSuchUser, SOPHOS, "RCPT TO").reason())
                .isNotEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(WITHOUT_SOPHOS, "4.7.1", 452, rate, SOPHOS, "RCPT TO").reason()).isNotEqualTo(BounceReason.SPEEDING);
        assertThat(failed(WITHOUT_SOPHOS, "5.7.1", 550, dmarc, SOPHOS, "DATA").reason()).isNotEqualTo(BounceReason.AUTH_FAILURE);
    }

    @Test
    void hornetsecuritysReasonCodesShouldBeReadAsItsOwnNotAsTheirStatusOrStrayWords() {
        String ldap = "554 5.7.1 unknown domain or unknown recipient (LDAP check)";
        String size = "552 5.5.2 Message size (content filter)";
        String attachment = "554 5.5.7 e-mail Rejected Content Attachment";
        String loop = "554 5.5.6 Loop detection > 10 mal X-antispameurope-disclaimer";

        assertThat(failed(ALL, "5.7.1", 554, ldap, HORNET, "RCPT TO").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(ALL, "5.5.2", 552, size, HORNET, "DATA").reason()).isEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(failed(ALL, "5.5.7", 554, attachment, HORNET, "DATA").reason()).isEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(failed(ALL, "5.5.6", 554, loop, HORNET, "DATA").reason()).isEqualTo(BounceReason.NETWORK_ERROR);

        assertThat(failed(WITHOUT_HORNET, "5.7.1", 554, ldap, HORNET, "RCPT TO").reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(failed(WITHOUT_HORNET, "5.5.2", 552, size, HORNET, "DATA").reason()).isNotEqualTo(BounceReason.MESG_TOO_BIG);
        assertThat(failed(WITHOUT_HORNET, "5.5.7", 554, attachment, HORNET, "DATA").reason())
                .isNotEqualTo(BounceReason.POLICY_VIOLATION);
        assertThat(failed(WITHOUT_HORNET, "5.5.6", 554, loop, HORNET, "DATA").reason()).isNotEqualTo(BounceReason.NETWORK_ERROR);
    }
}
