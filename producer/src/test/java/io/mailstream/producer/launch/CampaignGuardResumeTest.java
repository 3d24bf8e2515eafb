package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.avro.Sender;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

/** {@code campaign resume ID [--provider P]} releases the campaign guard's holds, with the compare-and-set. */
class CampaignGuardResumeTest {
    private static final Instant DECIDED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T10:30:00Z");
    private final CampaignsTopicFixture topic = new CampaignsTopicFixture();
    private final MockProducer<String, byte[]> producer = topic.producer;
    private final CampaignStateChanger changer = topic.changer(NOW);

    @Test
    void resumeWithAProviderShouldReleaseOnlyThatHoldAndKeepItAsARecord() {
        topic.holds(campaign(CampaignState.SENDING, Map.of("google", hold(false), "yahoo", hold(false))));

        StateChange change = changer.resumeProvider("spring", "google");

        assertThat(change.changed()).isTrue();
        Campaign next = topic.published("spring");
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).isEqualTo(NOW);
        assertThat(next.getGuardHolds().get("yahoo").getResumedAt()).isNull();
        assertThat(next.getStateVersion()).isEqualTo(5);
    }

    @Test
    void resumeWithoutAProviderShouldReleaseTheGuardsPauseOfTheWholeCampaign() {
        GuardHold whole = GuardHold.newBuilder(hold(false)).setWholeCampaign(true).build();
        topic.holds(campaign(CampaignState.PAUSED, Map.of("google", whole)));

        changer.resume("spring");

        Campaign next = topic.published("spring");
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).isEqualTo(NOW);
    }

    @Test
    void resumeWithoutAProviderShouldLeaveTheHoldsOfSingleProviders() {
        topic.holds(campaign(CampaignState.PAUSED, Map.of("google", hold(false))));

        assertThat(changer.resume("spring").changed()).isTrue();
        Campaign next = topic.published("spring");
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).as("released only with --provider google").isNull();
    }

    @Test
    void aRelaunchShouldKeepTheHolds() {
        topic.holds(campaign(CampaignState.SENDING, Map.of("google", hold(false))));

        changer.launch(campaign(CampaignState.SENDING, null));

        assertThat(topic.published("spring").getGuardHolds()).containsKey("google");
    }

    @Test
    void aProviderThatIsNotHeldShouldBeRefusedNamingTheHeldOnes() {
        topic.holds(campaign(CampaignState.SENDING, Map.of("google", hold(true), "yahoo", hold(false))));

        assertThatThrownBy(() -> changer.resumeProvider("spring", "google"))
                .isInstanceOf(NoGuardHoldException.class)
                .hasMessageContaining("'google'").hasMessageContaining("held at yahoo");
        assertThat(producer.history()).isEmpty();
    }

    private static GuardHold hold(boolean resumed) {
        return GuardHold.newBuilder().setRule("complaint-rate").setRate(0.002).setLine(0.001).setCount(2).setBase(1_000)
                .setWholeCampaign(false).setDecidedAt(DECIDED).setResumedAt(resumed ? DECIDED.plusSeconds(60) : null).build();
    }

    private static Campaign campaign(CampaignState state, Map<String, GuardHold> holds) {
        return Campaign.newBuilder().setId("spring").setVersion(2).setName("spring")
                .setSender(new Sender("Shop", "news@example.com")).setSubjectTemplate("Hi").setTextTemplate("body")
                .setState(state).setUpdatedAt(DECIDED).setStateVersion(4).setGuardHolds(holds).build();
    }
}
