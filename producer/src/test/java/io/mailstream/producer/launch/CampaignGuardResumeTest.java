package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.GuardHold;
import io.mailstream.avro.Sender;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** {@code campaign resume ID [--provider P]} releases the campaign guard's holds, with the compare-and-set. */
class CampaignGuardResumeTest {
    private static final Instant DECIDED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-01T10:30:00Z");
    private static final TopicPartition TP = new TopicPartition(Topics.CAMPAIGNS, 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final CampaignStateChanger changer = CampaignStateChanger.using(producer, consumer, registry,
            ClusterConfig.of("localhost:9092", registry), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void resumeWithAProviderShouldReleaseOnlyThatHoldAndKeepItAsARecord() {
        topicHolds(campaign(CampaignState.SENDING, Map.of("google", hold(false), "yahoo", hold(false))));

        StateChange change = changer.resumeProvider("spring", "google");

        assertThat(change.changed()).isTrue();
        Campaign next = published();
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).isEqualTo(NOW);
        assertThat(next.getGuardHolds().get("yahoo").getResumedAt()).isNull();
        assertThat(next.getStateVersion()).isEqualTo(5);
    }

    @Test
    void resumeWithoutAProviderShouldReleaseTheGuardsPauseOfTheWholeCampaign() {
        GuardHold whole = GuardHold.newBuilder(hold(false)).setWholeCampaign(true).build();
        topicHolds(campaign(CampaignState.PAUSED, Map.of("google", whole)));

        changer.resume("spring");

        Campaign next = published();
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).isEqualTo(NOW);
    }

    @Test
    void resumeWithoutAProviderShouldLeaveTheHoldsOfSingleProviders() {
        topicHolds(campaign(CampaignState.PAUSED, Map.of("google", hold(false))));

        assertThat(changer.resume("spring").changed()).isTrue();
        Campaign next = published();
        assertThat(next.getState()).isEqualTo(CampaignState.SENDING);
        assertThat(next.getGuardHolds().get("google").getResumedAt()).as("released only with --provider google").isNull();
    }

    @Test
    void aRelaunchShouldKeepTheHolds() {
        topicHolds(campaign(CampaignState.SENDING, Map.of("google", hold(false))));

        changer.launch(campaign(CampaignState.SENDING, null));

        assertThat(published().getGuardHolds()).containsKey("google");
    }

    @Test
    void aProviderThatIsNotHeldShouldBeRefusedNamingTheHeldOnes() {
        topicHolds(campaign(CampaignState.SENDING, Map.of("google", hold(true), "yahoo", hold(false))));

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

    private void topicHolds(Campaign c) {
        consumer.updatePartitions(Topics.CAMPAIGNS, List.of(new PartitionInfo(Topics.CAMPAIGNS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, 0, "spring",
                serde.serializer().serialize(Topics.CAMPAIGNS, c))));
    }

    private Campaign published() {
        assertThat(producer.history()).hasSize(1);
        return serde.deserializer().deserialize(Topics.CAMPAIGNS, producer.history().get(0).value());
    }
}
