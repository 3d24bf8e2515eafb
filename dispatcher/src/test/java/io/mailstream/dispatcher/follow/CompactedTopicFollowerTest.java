package io.mailstream.dispatcher.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.dispatcher.campaign.CampaignCache;
import io.mailstream.dispatcher.campaign.CampaignSnapshot;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompactedTopicFollowerTest {
    private static final TopicPartition TP = new TopicPartition(Topics.CAMPAIGNS, 0);
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final CampaignCache cache = new CampaignCache();
    private final CompactedTopicFollower<Campaign> follower =
            new CompactedTopicFollower<>("test-campaigns", Topics.CAMPAIGNS, consumer, serde, cache);
    private long offset;

    @AfterEach
    void tearDown() {
        follower.close(Duration.ofSeconds(5));
    }

    private void add(String key, Campaign value) {
        consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, offset++, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : serde.serializer().serialize(Topics.CAMPAIGNS, value)));
    }

    private void topicWithEndOffset(long end) {
        consumer.updatePartitions(Topics.CAMPAIGNS, List.of(new PartitionInfo(Topics.CAMPAIGNS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, end));
    }

    @Test
    void awaitCaughtUpShouldReturnOnceEverythingWrittenBeforeStartIsInTheTable() {
        topicWithEndOffset(2);
        consumer.schedulePollTask(() -> {
            add("c1", Fixtures.campaign("c1").build());
            add("c1", Fixtures.campaign("c1").setVersion(2).setSubjectTemplate("v2").build());
        });

        follower.start();
        follower.awaitCaughtUp(Duration.ofSeconds(10));

        assertThat(cache.find("c1", 1)).map(s -> s.templates().getSubjectTemplate()).contains("Hello {{name}}");
        assertThat(cache.latest("c1")).map(CampaignSnapshot::version).contains(2);
    }

    @Test
    void followerShouldKeepApplyingUpdatesAndTombstonesAfterCatchingUp() {
        topicWithEndOffset(0);
        follower.start();
        follower.awaitCaughtUp(Duration.ofSeconds(10));

        add("c1", Fixtures.campaign("c1").setState(CampaignState.PAUSED).build());
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.state("c1").isPresent());
        assertThat(cache.state("c1")).contains(CampaignState.PAUSED);

        add("c1", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> cache.state("c1").isEmpty());
    }

    @Test
    void awaitCaughtUpShouldFailNamingTheTopicWhenTheEndIsNotReached() {
        topicWithEndOffset(5);
        follower.start();

        assertThatThrownBy(() -> follower.awaitCaughtUp(Duration.ofMillis(200)))
                .isInstanceOfSatisfying(CatchUpTimeoutException.class, e -> assertThat(e.topic()).isEqualTo(Topics.CAMPAIGNS));
    }

    @Test
    void campaignCacheAwaitShouldReturnAVersionThatArrivesWhileWaiting() throws Exception {
        Thread writer = new Thread(() -> cache.upsert("c9", Fixtures.campaign("c9").setVersion(3).build()), "test-writer");
        writer.start();

        assertThat(cache.await("c9", 3, Duration.ofSeconds(10))).map(CampaignSnapshot::version).contains(3);
        writer.join();
        assertThat(cache.await("c9", 4, Duration.ofMillis(10))).isEmpty();
    }
}
