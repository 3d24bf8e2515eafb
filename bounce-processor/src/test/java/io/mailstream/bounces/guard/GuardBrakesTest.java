package io.mailstream.bounces.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.avro.Sender;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a decision changes a campaign record: once, never a final campaign, the whole campaign only by configuration. */
class GuardBrakesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:05:00Z");
    private static final GuardVerdict GOOGLE = new GuardVerdict("c1", "google", "complaint-rate", 0.002, 0.001, 2, 1_000,
            false, Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());

    @Test
    void aDecisionShouldHoldItsProviderAndLeaveTheStateAlone() {
        Optional<Campaign> next = GuardBrakes.brake(campaign(CampaignState.SENDING, null), GOOGLE, NOW);
        assertThat(next).hasValueSatisfying(c -> {
            assertThat(c.getState()).isEqualTo(CampaignState.SENDING);
            GuardHold h = c.getGuardHolds().get("google");
            assertThat(h.getRule()).isEqualTo("complaint-rate");
            assertThat(h.getRate()).isEqualTo(0.002);
            assertThat(h.getResumedAt()).isNull();
            assertThat(c.getUpdatedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aDecisionAlreadyAppliedOrResumedShouldChangeNothing() {
        Campaign held = GuardBrakes.brake(campaign(CampaignState.SENDING, null), GOOGLE, NOW).orElseThrow();
        assertThat(GuardBrakes.brake(held, GOOGLE, NOW)).isEmpty();
        GuardHold resumed = GuardHold.newBuilder(held.getGuardHolds().get("google")).setResumedAt(NOW).build();
        assertThat(GuardBrakes.brake(campaign(CampaignState.SENDING, Map.of("google", resumed)), GOOGLE, NOW))
                .as("an operator resumed the provider: the guard does not brake it again").isEmpty();
    }

    @Test
    void finalOrUnknownCampaignsShouldNotBeBraked() {
        assertThat(GuardBrakes.brake(campaign(CampaignState.DONE, null), GOOGLE, NOW)).isEmpty();
        assertThat(GuardBrakes.brake(campaign(CampaignState.CANCELLED, null), GOOGLE, NOW)).isEmpty();
        assertThat(GuardBrakes.brake(null, GOOGLE, NOW)).isEmpty();
    }

    @Test
    void aWholeCampaignDecisionShouldPauseTheCampaign() {
        GuardVerdict whole = new GuardVerdict("c1", "google", "complaint-rate", 0.002, 0.001, 2, 1_000, true, 0);
        assertThat(GuardBrakes.brake(campaign(CampaignState.SENDING, null), whole, NOW)).hasValueSatisfying(c -> {
            assertThat(c.getState()).isEqualTo(CampaignState.PAUSED);
            assertThat(c.getGuardHolds().get("google").getWholeCampaign()).isTrue();
        });
    }

    private static Campaign campaign(CampaignState state, Map<String, GuardHold> holds) {
        return Campaign.newBuilder().setId("c1").setVersion(1).setSender(Sender.newBuilder().setAddress("news@example.com").build())
                .setSubjectTemplate("Hi").setState(state).setUpdatedAt(Instant.EPOCH).setStateVersion(3).setGuardHolds(holds).build();
    }
}
