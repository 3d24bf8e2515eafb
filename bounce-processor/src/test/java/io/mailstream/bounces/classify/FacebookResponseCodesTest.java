package io.mailstream.bounces.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Facebook's published response codes (postmaster.facebook.com/response_codes, as Sisimai's
 * Lhost::Facebook cites them; the table is in {@link ReceivingHostRules}): the code after the reply names the verdict, whatever the status
 * beside it says. The replies are synthetic, written in the documented "550 5.1.1 RCP-P1 <url>
 * <text>" layout.
 */
class FacebookResponseCodesTest {
    private static Classification failed(ReasonClassifier c, String status, int code, String diagnostic) {
        return c.classify(Optional.of(DsnAction.FAILED), DeliveryStatus.parse(status), OptionalInt.of(code),
                diagnostic, diagnostic);
    }

    @Test
    void facebooksResponseCodeShouldNameTheReasonBeforeTheStatusBesideIt() {
        ReasonClassifier c = new ReasonClassifier();
        // 5.1.1 beside a recipient-preference refusal: the preference is a filter, soft
        Classification preferences = failed(c, "5.1.1", 550, "550 5.1.1 RCP-P2 "
                + "http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp Refused due to recipient preferences");
        assertThat(preferences.reason()).isEqualTo(BounceReason.FILTERED);
        assertThat(preferences.hard()).isFalse();
        assertThat(failed(c, "5.0.0", 550, "550 5.0.0 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp "
                + "Refused").reason()).isEqualTo(BounceReason.USER_UNKNOWN);
        // our server refused for some hours: a block, soft, never the recipient's address
        Classification serverRefused = failed(c, "5.7.1", 554, "554 5.7.1 POL-P3 "
                + "http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol Refused");
        assertThat(serverRefused.reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(serverRefused.hard()).isFalse();
        assertThat(failed(c, "5.0.0", 550, "550 5.0.0 DNS-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#dns "
                + "Refused").reason()).isEqualTo(BounceReason.REJECTED);
    }

    @Test
    void withholdingFacebookShouldSwitchItsCodesOff() {
        ReasonClassifier without = new ReasonClassifier(RuleSelection.without(MtaFamily.FACEBOOK));
        assertThat(failed(without, "5.7.1", 554, "554 5.7.1 POL-P3 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#pol "
                + "Refused").reason()).isNotEqualTo(BounceReason.BLOCKED);
        assertThat(failed(without, "5.0.0", 550, "550 5.0.0 RCP-P1 http://postmaster.facebook.com/response_codes?ip=192.0.2.1#rcp "
                + "Refused").reason()).isNotEqualTo(BounceReason.USER_UNKNOWN);
    }
}
