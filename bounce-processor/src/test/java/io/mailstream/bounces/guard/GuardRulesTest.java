package io.mailstream.bounces.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.bounces.stats.ProviderCounts;
import io.mailstream.bounces.topology.BounceConfigException;
import org.junit.jupiter.api.Test;

/** The guard's rate evaluation at one provider, with the default lines of issue 18. */
class GuardRulesTest {
    private final GuardRules rules = new GuardRules(GuardConfig.defaults());

    @Test
    void oneComplaintPerThousandDeliveredShouldReachTheDefaultLine() {
        assertThat(rules.judge(new ProviderCounts(1_000, 0, 0, 1))).hasValueSatisfying(b -> {
            assertThat(b.rule()).isEqualTo(GuardRule.COMPLAINT_RATE);
            assertThat(b.rate()).isEqualTo(0.001);
            assertThat(b.line()).isEqualTo(0.001);
            assertThat(b.count()).isEqualTo(1);
            assertThat(b.base()).isEqualTo(1_000);
        });
        assertThat(rules.judge(new ProviderCounts(1_001, 0, 0, 1))).as("just under 0.1 %%").isEmpty();
        assertThat(rules.judge(new ProviderCounts(3_000, 0, 0, 3))).isPresent();
        assertThat(rules.judge(new ProviderCounts(3_001, 0, 0, 3))).isEmpty();
    }

    @Test
    void complaintsShouldNotBeJudgedBeforeAThousandWereDelivered() {
        assertThat(rules.judge(new ProviderCounts(999, 0, 0, 50))).isEmpty();
    }

    @Test
    void hardBouncesOfFivePercentOfAttemptsShouldReachTheDefaultLine() {
        assertThat(rules.judge(new ProviderCounts(900, 50, 50, 0))).hasValueSatisfying(b -> {
            assertThat(b.rule()).isEqualTo(GuardRule.HARD_BOUNCE_RATE);
            assertThat(b.count()).isEqualTo(50);
            assertThat(b.base()).as("attempted: delivered, bounced and expired").isEqualTo(1_000);
            assertThat(b.rate()).isEqualTo(0.05);
        });
        assertThat(rules.judge(new ProviderCounts(902, 49, 49, 0))).isEmpty();
        assertThat(rules.judge(new ProviderCounts(900, 49, 0, 0))).as("49 of 949 attempts, under the minimum of 1 000").isEmpty();
    }

    @Test
    void complaintsShouldBeJudgedBeforeBounces() {
        assertThat(rules.judge(new ProviderCounts(1_000, 100, 0, 5))).hasValueSatisfying(b ->
                assertThat(b.rule()).isEqualTo(GuardRule.COMPLAINT_RATE));
    }

    @Test
    void noComplaintsShouldNeverBrakeWhateverTheLine() {
        GuardRules anything = new GuardRules(new GuardConfig(true, 1e-9, 1, 1e-9, 1, GuardConfig.GuardScope.PROVIDER));
        assertThat(anything.judge(new ProviderCounts(5, 0, 0, 0))).isEmpty();
        assertThat(anything.judge(new ProviderCounts(5, 0, 0, 1))).isPresent();
    }

    @Test
    void aGuardSwitchedOffShouldNeverBrake() {
        assertThat(new GuardRules(GuardConfig.off()).judge(new ProviderCounts(1_000, 1_000, 0, 1_000))).isEmpty();
    }

    @Test
    void invalidLinesShouldBeRefusedNamingTheKey() {
        assertThatThrownBy(() -> new GuardConfig(true, 0, 1_000, 0.05, 1_000, GuardConfig.GuardScope.PROVIDER))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("guard.complaint-line");
        assertThatThrownBy(() -> new GuardConfig(true, 0.001, 1_000, 1.5, 1_000, GuardConfig.GuardScope.PROVIDER))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("guard.hard-bounce-line");
        assertThatThrownBy(() -> new GuardConfig(true, 0.001, 0, 0.05, 1_000, GuardConfig.GuardScope.PROVIDER))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("guard.complaint-min-delivered");
        assertThatThrownBy(() -> new GuardConfig(true, 0.001, 1_000, 0.05, 1_000, null))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("guard.scope");
    }
}
