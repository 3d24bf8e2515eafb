package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Sender;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class CampaignStateChangerTest {
    private static final Instant LAUNCHED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T10:30:00Z");
    private static final TopicPartition TP = new TopicPartition(Topics.CAMPAIGNS, 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final CampaignStateChanger changer = CampaignStateChanger.using(producer, consumer, registry,
            ClusterConfig.of("localhost:9092", registry), Clock.fixed(NOW, ZoneOffset.UTC));

    private static Campaign campaign(String id, CampaignState state) {
        return Campaign.newBuilder().setId(id).setVersion(2).setName(id)
                .setSender(new Sender("Shop", "news@example.com")).setReplyTo(null)
                .setSubjectTemplate("Hi {{first_name}}").setHtmlTemplate(null).setTextTemplate("body")
                .setHeaders(Map.of()).setListUnsubscribeTemplate(null)
                .setState(state).setUpdatedAt(LAUNCHED).build();
    }

    /** The compacted topic as the consumer will read it: records in offset order, null value = tombstone. */
    private void topicHolds(List<Map.Entry<String, Campaign>> records) {
        consumer.updatePartitions(Topics.CAMPAIGNS, List.of(new PartitionInfo(Topics.CAMPAIGNS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, (long) records.size()));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < records.size(); i++) {
                Campaign value = records.get(i).getValue();
                consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, i, records.get(i).getKey(),
                        value == null ? null : serde.serializer().serialize(Topics.CAMPAIGNS, value)));
            }
        });
    }

    private Campaign published() {
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).key()).isEqualTo("spring");
        return serde.deserializer().deserialize(Topics.CAMPAIGNS, producer.history().get(0).value());
    }

    @Test
    void pauseRepublishesTheLatestRecordWithTheNewStateAndTime() {
        Campaign older = campaign("spring", CampaignState.DRAFT);
        Campaign latest = campaign("spring", CampaignState.SENDING);
        topicHolds(List.of(Map.entry("spring", older), Map.entry("other", campaign("other", CampaignState.PAUSED)),
                Map.entry("spring", latest)));

        StateChange change = changer.pause("spring");

        assertThat(change).isEqualTo(new StateChange("spring", CampaignState.SENDING, CampaignState.PAUSED, true));
        Campaign next = published();
        assertThat(next.getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(next.getUpdatedAt()).isEqualTo(NOW);
        assertThat(next.getVersion()).isEqualTo(2);
        assertThat(next.getSubjectTemplate()).isEqualTo(latest.getSubjectTemplate());
    }

    @Test
    void resumeOfAPausedCampaignSetsSending() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));

        changer.resume("spring");

        assertThat(published().getState()).isEqualTo(CampaignState.SENDING);
    }

    @Test
    void refusesToResumeACancelledCampaign() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThatThrownBy(() -> changer.resume("spring"))
                .isInstanceOfSatisfying(InvalidStateChangeException.class, e -> {
                    assertThat(e.from()).isEqualTo(CampaignState.CANCELLED);
                    assertThat(e.getMessage()).contains("final");
                });
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void reportsAnUnknownOrDeletedCampaign() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.SENDING)),
                new AbstractMap.SimpleEntry<>("spring", (Campaign) null)));

        assertThatThrownBy(() -> changer.cancel("spring")).isInstanceOf(CampaignNotFoundException.class);
    }

    @Test
    void reportsACampaignThatWasNeverLaunched() {
        topicHolds(List.of(Map.entry("other", campaign("other", CampaignState.SENDING))));

        assertThatThrownBy(() -> changer.cancel("never-launched"))
                .isInstanceOfSatisfying(CampaignNotFoundException.class,
                        e -> assertThat(e.campaignId()).isEqualTo("never-launched"));
    }

    @Test
    void changingToTheCurrentStatePublishesNothing() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));

        assertThat(changer.pause("spring").changed()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void everyChangeBumpsTheStateVersionAndIsCommittedInATransaction() {
        topicHolds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.SENDING))
                .setStateVersion(4).build())));

        changer.pause("spring");

        assertThat(published().getStateVersion()).isEqualTo(5);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void aChangeBasedOnAVersionThatMovedIsRefusedAndPublishesNothing() {
        topicHolds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(7).build())));

        assertThatThrownBy(() -> changer.change("spring", CampaignState.SENDING, 6))
                .isInstanceOf(StateMovedException.class)
                .hasMessageContaining("based on state version 6, it is now 7");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aChangeBasedOnTheCurrentVersionGoesThrough() {
        topicHolds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(7).build())));

        assertThat(changer.change("spring", CampaignState.SENDING, 7).changed()).isTrue();
        assertThat(published().getStateVersion()).isEqualTo(8);
    }

    @Test
    void aResumeFencedByACancelBetweenItsReadAndItsWriteIsRefusedAndPublishesNothing() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.PAUSED))));
        // A cancel of the same campaign initialises its transaction after this resume read PAUSED: the resume is fenced.
        CampaignStateChanger racing = CampaignStateChanger.using(producer, consumer, registry,
                ClusterConfig.of("localhost:9092", registry), Clock.fixed(NOW, ZoneOffset.UTC), producer::fenceProducer);

        assertThatThrownBy(() -> racing.resume("spring")).isInstanceOf(StateMovedException.class)
                .hasMessageContaining("another writer");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void launchOfANewCampaignWritesSendingAtStateVersionOne() {
        topicHolds(List.of());

        LaunchStart start = changer.launch(campaign("spring", CampaignState.SENDING));

        assertThat(start.continued()).isFalse();
        assertThat(published().getStateVersion()).isEqualTo(1);
        assertThat(published().getState()).isEqualTo(CampaignState.SENDING);
    }

    @Test
    void launchOfAnExistingPausedCampaignContinuesItWithoutResumingIt() {
        topicHolds(List.of(Map.entry("spring", Campaign.newBuilder(campaign("spring", CampaignState.PAUSED))
                .setStateVersion(3).build())));

        LaunchStart start = changer.launch(Campaign.newBuilder(campaign("spring", CampaignState.SENDING)).setVersion(3).build());

        assertThat(start.continued()).isTrue();
        assertThat(start.describe()).contains("already exists (PAUSED): continuing").contains("once it is resumed");
        assertThat(published().getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(published().getVersion()).as("the launch's templates").isEqualTo(3);
        assertThat(published().getStateVersion()).isEqualTo(4);
    }

    @Test
    void launchOfACancelledCampaignIsRefusedWithAClearMessage() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThatThrownBy(() -> changer.launch(campaign("spring", CampaignState.SENDING)))
                .isInstanceOf(InvalidStateChangeException.class)
                .hasMessageContaining("campaign 'spring' is CANCELLED").hasMessageContaining("final");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void recordLaunchedWritesTheMessageCountOnTheCurrentRecordWithTheStateKept() {
        Campaign paused = Campaign.newBuilder(campaign("spring", CampaignState.PAUSED)).setStateVersion(5).build();
        topicHolds(List.of(Map.entry("spring", paused)));

        assertThat(changer.recordLaunched("spring", 1_234)).isTrue();

        assertThat(published().getExpectedMessages()).isEqualTo(1_234L);
        assertThat(published().getState()).isEqualTo(CampaignState.PAUSED);
        assertThat(published().getStateVersion()).isEqualTo(6);
        assertThat(producer.transactionCommitted()).isTrue();
    }

    @Test
    void recordLaunchedLeavesACampaignThatBecameFinalAlone() {
        topicHolds(List.of(Map.entry("spring", campaign("spring", CampaignState.CANCELLED))));

        assertThat(changer.recordLaunched("spring", 10)).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aLaunchClearsTheMessageCountOfAnEarlierLaunchUntilItRecordsItsOwn() {
        Campaign counted = Campaign.newBuilder(campaign("spring", CampaignState.SENDING)).setExpectedMessages(10L)
                .setStateVersion(2).build();
        topicHolds(List.of(Map.entry("spring", counted)));

        changer.launch(campaign("spring", CampaignState.SENDING));

        assertThat(published().getExpectedMessages()).as("not DONE on the old count while this launch publishes").isNull();
    }
}
