package io.mailstream.bounces.classify;

import static io.mailstream.bounces.classify.RelayQuotedReplies.failed;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import org.junit.jupiter.api.Test;

/** The Korean portals' replies ({@link KoreanPortalReplies}), synthetic, each checked to read otherwise without them. */
class KoreanPortalRepliesTest {
    private static final ReasonClassifier ALL = new ReasonClassifier();
    private static final ReasonClassifier WITHOUT = new ReasonClassifier(RuleSelection.without(MtaFamily.KOREAN_PORTAL));

    @Test
    void naversMessageRateAtTheGreetingShouldBeSpeedingNotABlock() {
        String rate = "421 4.3.1 You send too many messages.";
        Classification c = failed(ALL, "4.3.1", 421, rate, "mx1.naver.com", null);
        assertThat(c.reason()).isEqualTo(BounceReason.SPEEDING);
        assertThat(c.hard()).isFalse();
        assertThat(failed(WITHOUT, "4.3.1", 421, rate, "mx1.naver.com", null).reason()).isNotEqualTo(BounceReason.SPEEDING);
    }

    @Test
    void daumsAndParansIpRefusalsShouldJudgeTheSendingHostNotTheContent() {
        String daum = "554 5.7.1 DAS51 192.0.2.25: Your mail is blocked automatically by anti-spam system. (E06)";
        String paran = "550 Transaction failed. (SPAM_SUSPECT:IP_CONTROL) (http://cleanip.paran.com)";
        assertThat(failed(ALL, "5.7.1", 554, daum, "mx1.hanmail.net", "RCPT TO").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed(ALL, "5.0.0", 550, paran, "mx.paran.com", "DATA").reason()).isEqualTo(BounceReason.BLOCKED);
        assertThat(failed(WITHOUT, "5.7.1", 554, daum, "mx1.hanmail.net", "RCPT TO").reason()).isNotEqualTo(BounceReason.BLOCKED);
        assertThat(failed(WITHOUT, "5.0.0", 550, paran, "mx.paran.com", "DATA").reason()).isNotEqualTo(BounceReason.BLOCKED);
    }
}
