package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Sender;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.junit.jupiter.api.Test;

class CampaignStateChangerTest {
    private static final Instant LAUNCHED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T10:30:00Z");
    private final CampaignsTopicFixture topic = new CampaignsTopicFixture();
    private final MockProducer<String, byte[]> producer = topic.producer;
    private final CampaignStateChanger changer = topic.changer(NOW);

    private static Campaign campaign(String id, CampaignState state) {
        return Campaign.newBuilder().setId(id).setVersion(2).setName(id)
                .setSender(new Sender("Shop", "news@example.com")).setReplyTo(null)
                .setSubjectTemplate("Hi {{first_name}}").setHtmlTemplate(null).setTextTemplate("body")
                .setHeaders(Map.of()).setListUnsubscribeTemplate(null)
                .setState(state).setUpdatedAt(LAUNCHED).build();
    }

    @Test
    void pauseRepublishesTheLatestRecordWithTheNewStateAndTime() {
        Campaign older = campaign("spring", CampaignState.DRAFT);
        Campaign latest = campaign("spring", CampaignState.SENDING);
        topic.holds(List.of(Map.entry("spring", older), Map.entry("other", campaign("other", CampaignState.PAUSED)),
                Map.entry("spring", latest)));

        StateChange change = changer.pause("spring");

        assertThat(change).isEqualTo(new StateChange("spring", CampaignState.SENDING, CampaignState.PAUSED, true));
        Campaign next = topic.published("spring");
        assertThat(next.getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(next.getUpdatedAt()).isEqualTo(NOW);
        assertThat(next.getVersion()).isEqualTo(2);
        assertThat(next.getSubjectTemplate()).isEqualTo(latest.getSubjectTemplate());
    }

    @Test
    void resumeOfAPausedCampaignSetsSending() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));

        changer.resume("spring");

        assertThat(topic.published("spring").getState()).isEqualTo(CampaignState.SENDING);
    }

    @Test
    void refusesToResumeACancelledCampaign() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThatThrownBy(() -> changer.resume("spring"))
                .isInstanceOfSatisfying(InvalidStateChangeException.class, e -> {
                    assertThat(e.from()).isEqualTo(CampaignState.CANCELLED);
                    assertThat(e.getMessage()).contains("final");
                });
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void reportsAnUnknownOrDeletedCampaign() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.SENDING)),
                new AbstractMap.SimpleEntry<>("spring", (Campaign) null)));

        assertThatThrownBy(() -> changer.cancel("spring")).isInstanceOf(CampaignNotFoundException.class);
    }

    @Test
    void reportsACampaignThatWasNeverLaunched() {
        topic.holds(List.of(Map.entry("other", campaign("other", CampaignState.SENDING))));

        assertThatThrownBy(() -> changer.cancel("never-launched"))
                .isInstanceOfSatisfying(CampaignNotFoundException.class,
                        e -> assertThat(e.campaignId()).isEqualTo("never-launched"));
    }

    @Test
    void changingToTheCurrentStatePublishesNothing() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));

        assertThat(changer.pause("spring").changed()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void everyChangeBumpsTheStateVersionAndIsCommittedInATransaction() {
        topic.holds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.SENDING))
                .setStateVersion(4).build())));

        changer.pause("spring");

        assertThat(topic.published("spring").getStateVersion()).isEqualTo(5);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void aChangeBasedOnAVersionThatMovedIsRefusedAndPublishesNothing() {
        topic.holds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(7).build())));

        assertThatThrownBy(() -> changer.change("spring", CampaignState.SENDING, 6))
                .isInstanceOf(StateMovedException.class)
                .hasMessageContaining("based on state version 6, it is now 7");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aChangeBasedOnTheCurrentVersionGoesThrough() {
        topic.holds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(7).build())));

        assertThat(changer.change("spring", CampaignState.SENDING, 7).changed()).isTrue();
        assertThat(topic.published("spring").getStateVersion()).isEqualTo(8);
    }

    @Test
    void aResumeFencedByACancelBetweenItsReadAndItsWriteIsRefusedAndPublishesNothing() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));
        // A cancel of the same campaign initialises its transaction after this resume read PAUSED: the resume is fenced.
        CampaignStateChanger racing = CampaignStateChanger.using(producer, topic.consumer, topic.registry,
                topic.cluster(), Clock.fixed(NOW, ZoneOffset.UTC), producer::fenceProducer);

        assertThatThrownBy(() -> racing.resume("spring")).isInstanceOf(StateMovedException.class)
                .hasMessageContaining("another writer");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void launchOfANewCampaignWritesSendingAtStateVersionOne() {
        topic.holds(List.of());

        LaunchStart start = changer.launch(campaign("spring", CampaignState.SENDING));

        assertThat(start.continued()).isFalse();
        assertThat(topic.published("spring").getStateVersion()).isEqualTo(1);
        assertThat(topic.published("spring").getState()).isEqualTo(CampaignState.SENDING);
    }

    @Test
    void launchOfAnExistingPausedCampaignContinuesItWithoutResumingIt() {
        topic.holds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(3).build())));

        LaunchStart start = changer.launch(Campaign.newBuilder(campaign("spring", CampaignState.SENDING)).setVersion(3).build());

        assertThat(start.continued()).isTrue();
        assertThat(start.describe()).contains("already exists (PAUSED): continuing").contains("once it is resumed");
        assertThat(topic.published("spring").getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(topic.published("spring").getVersion()).as("the launch's templates").isEqualTo(3);
        assertThat(topic.published("spring").getStateVersion()).isEqualTo(4);
    }

    @Test
    void launchOfACancelledCampaignIsRefusedWithAClearMessage() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThatThrownBy(() -> changer.launch(campaign("spring", CampaignState.SENDING)))
                .isInstanceOf(InvalidStateChangeException.class)
                .hasMessageContaining("campaign 'spring' is CANCELLED").hasMessageContaining("final");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void recordLaunchedWritesTheMessageCountOnTheCurrentRecordWithTheStateKept() {
        Campaign paused = Campaign.newBuilder(campaign("spring", CampaignState.PAUSED)).setStateVersion(5).build();
        topic.holds(List.of(Map.entry("spring", paused)));

        assertThat(changer.recordLaunched("spring", 1_234)).isTrue();

        assertThat(topic.published("spring").getExpectedMessages()).isEqualTo(1_234L);
        assertThat(topic.published("spring").getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(topic.published("spring").getStateVersion()).isEqualTo(6);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void recordLaunchedLeavesACampaignThatBecameFinalAlone() {
        topic.holds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThat(changer.recordLaunched("spring", 10)).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aLaunchClearsTheMessageCountOfAnEarlierLaunchUntilItRecordsItsOwn() {
        Campaign counted = Campaign.newBuilder(campaign("spring", CampaignState.SENDING)).setExpectedMessages(10L)
                .setStateVersion(2).build();
        topic.holds(List.of(Map.entry("spring", counted)));

        changer.launch(campaign("spring", CampaignState.SENDING));

        assertThat(topic.published("spring").getExpectedMessages()).as("not DONE on the old count while this launch publishes").isNull();
    }
}
