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
import io.mailstream.testkit.FlakyRegistry;
import io.mailstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
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
    void aTransientRegistryErrorShouldBeRetriedFromTheSameRecordNotEndTheFollower() {
        FlakyRegistry flaky = new FlakyRegistry(registry);
        flaky.down(true);
        Campaign c1 = Fixtures.campaign("c1").build();
        serde.serializer().serialize(Topics.CAMPAIGNS, c1); // registered while the registry is up
        CompactedTopicFollower<Campaign> retrying = new CompactedTopicFollower<>("test-retrying", Topics.CAMPAIGNS, consumer,
                AvroSerde.forValue(Campaign.class, flaky), cache, clock, Duration.ofSeconds(30));
        try {
            topicWithEndOffset(1);
            consumer.schedulePollTask(() -> add("c1", c1));
            retrying.start();

            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> !retrying.isCaughtUp() && retrying.failure().isEmpty() && cache.latest("c1").isEmpty());
            flaky.down(false);
            // the broker serves the partition again from where the follower sought back to (offset 0)
            offset = 0;
            consumer.schedulePollTask(() -> add("c1", c1));

            retrying.awaitCaughtUp(Duration.ofSeconds(10));
            assertThat(cache.latest("c1")).isPresent();
            assertThat(retrying.isCurrent()).isTrue();
            assertThat(retrying.failure()).isEmpty();
        } finally {
            retrying.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTableThatCannotReadNewRecordsForLongerThanTheMaxLagShouldNotBeCurrentUntilItHasReadThem() {
        FlakyRegistry flaky = new FlakyRegistry(registry);
        Campaign c2 = Fixtures.campaign("c2").build();
        serde.serializer().serialize(Topics.CAMPAIGNS, c2);
        CompactedTopicFollower<Campaign> following = new CompactedTopicFollower<>("test-lagging", Topics.CAMPAIGNS, consumer,
                AvroSerde.forValue(Campaign.class, flaky), cache, clock, Duration.ofSeconds(30));
        try {
            topicWithEndOffset(0);
            following.start();
            following.awaitCaughtUp(Duration.ofSeconds(10));
            assertThat(following.isCurrent()).isTrue();

            flaky.down(true);
            consumer.updateEndOffsets(Map.of(TP, 1L));
            consumer.schedulePollTask(() -> add("c2", c2));
            clock.advance(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> following.lag().orElseThrow().toSeconds() >= 10);
            assertThat(following.isCurrent()).as("10 s behind, within the 30 s bound").isTrue();
            clock.advance(Duration.ofSeconds(21));
            assertThat(following.isCurrent()).as("31 s behind").isFalse();

            flaky.down(false);
            offset = 0;
            consumer.schedulePollTask(() -> add("c2", c2));
            await().atMost(Duration.ofSeconds(10)).until(following::isCurrent);
            assertThat(cache.latest("c2")).isPresent();
        } finally {
            following.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void campaignCacheAwaitShouldReturnAVersionThatArrivesWhileWaiting() throws Exception {
        Thread writer = new Thread(() -> cache.upsert("c9", Fixtures.campaign("c9").setVersion(3).build()), "test-writer");
        writer.start();

        assertThat(cache.await("c9", 3, Duration.ofSeconds(10))).map(CampaignSnapshot::version).contains(3);
        writer.join();
        assertThat(cache.await("c9", 4, Duration.ofMillis(10))).isEmpty();
    }

    @Test
    void aCorruptTableRecordShouldBeDeadLetteredWithItsBytesAndTheKeyKeepItsLastGoodValue() {
        List<ConsumerRecord<byte[], byte[]>> deadLettered = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompactedTopicFollower<Campaign> withDeadLetters = new CompactedTopicFollower<>("test-campaigns-dlt", Topics.CAMPAIGNS,
                consumer, serde, cache, clock, Duration.ofSeconds(30), (record, e) -> deadLettered.add(record), Duration.ofSeconds(60));
        byte[] corrupt = {0x00, 0x00, 0x00, 0x00, 0x01, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        topicWithEndOffset(3);
        consumer.schedulePollTask(() -> {
            add("c1", Fixtures.campaign("c1").build());
            consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, offset++, "c1".getBytes(StandardCharsets.UTF_8), corrupt));
            add("c2", Fixtures.campaign("c2").build());
        });
        try {
            withDeadLetters.start();
            withDeadLetters.awaitCaughtUp(Duration.ofSeconds(10));

            assertThat(deadLettered).singleElement().satisfies(r -> {
                assertThat(r.value()).isEqualTo(corrupt);
                assertThat(r.offset()).isEqualTo(1L);
            });
            assertThat(cache.latest("c1")).as("last good value kept").isPresent();
            assertThat(cache.latest("c2")).as("records after it applied").isPresent();
        } finally {
            withDeadLetters.close(Duration.ofSeconds(5));
        }
    }

    /** A registry replica that does not know id 4242 while {@code hidden} is set; then it is the campaign schema's id. */
    private final java.util.concurrent.atomic.AtomicBoolean hidden = new java.util.concurrent.atomic.AtomicBoolean(true);
    private final io.mailstream.schemas.registry.SchemaRegistry lagging = new io.mailstream.schemas.registry.SchemaRegistry() {
        @Override
        public int register(String subject, org.apache.avro.Schema schema) {
            return registry.register(subject, schema);
        }

        @Override
        public org.apache.avro.Schema schemaById(int id) {
            if (id == 4242 && hidden.get()) {
                throw new io.mailstream.schemas.registry.UnknownSchemaIdException(id, "test replica");
            }
            return registry.schemaById(id == 4242 ? 1 : id);
        }

        @Override
        public boolean isCompatible(String subject, org.apache.avro.Schema schema) {
            return registry.isCompatible(subject, schema);
        }

        @Override
        public java.util.Optional<io.mailstream.schemas.registry.RegisteredSchema> latest(String subject) {
            return registry.latest(subject);
        }
    };

    private byte[] framedWith4242(Campaign c) {
        byte[] bytes = serde.serializer().serialize(Topics.CAMPAIGNS, c);
        assertThat(io.mailstream.schemas.serde.WireFormat.unframe(Topics.CAMPAIGNS, bytes).schemaId()).isEqualTo(1);
        java.nio.ByteBuffer.wrap(bytes).putInt(1, 4242);
        return bytes;
    }

    private void addRaw(String key, byte[] value) {
        consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, offset++, key.getBytes(StandardCharsets.UTF_8), value));
    }

    @Test
    void aTableRecordWithAnUnknownSchemaIdShouldBeReadAgainAndAppliedOnceTheRegistryKnowsIt() {
        List<ConsumerRecord<byte[], byte[]>> deadLettered = new java.util.concurrent.CopyOnWriteArrayList<>();
        byte[] c1 = framedWith4242(Fixtures.campaign("c1").build());
        CompactedTopicFollower<Campaign> waiting = new CompactedTopicFollower<>("test-unknown-id", Topics.CAMPAIGNS, consumer,
                AvroSerde.forValue(Campaign.class, lagging), cache, clock, Duration.ofSeconds(30),
                (record, e) -> deadLettered.add(record), Duration.ofSeconds(60));
        try {
            topicWithEndOffset(1);
            consumer.schedulePollTask(() -> addRaw("c1", c1));
            waiting.start();

            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                    .until(() -> !waiting.isCaughtUp() && deadLettered.isEmpty() && cache.latest("c1").isEmpty());
            hidden.set(false);
            offset = 0; // served again from where the follower sought back to
            consumer.schedulePollTask(() -> addRaw("c1", c1));

            waiting.awaitCaughtUp(Duration.ofSeconds(10));
            assertThat(cache.latest("c1")).isPresent();
            assertThat(deadLettered).isEmpty();
        } finally {
            waiting.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTableRecordWithAnUnknownSchemaIdShouldBeDeadLetteredOnceTheWaitIsOver() {
        List<ConsumerRecord<byte[], byte[]>> deadLettered = new java.util.concurrent.CopyOnWriteArrayList<>();
        byte[] c1 = framedWith4242(Fixtures.campaign("c1").build());
        CompactedTopicFollower<Campaign> waiting = new CompactedTopicFollower<>("test-unknown-id-gone", Topics.CAMPAIGNS, consumer,
                AvroSerde.forValue(Campaign.class, lagging), cache, clock, Duration.ofSeconds(30),
                (record, e) -> deadLettered.add(record), Duration.ofSeconds(60));
        try {
            topicWithEndOffset(1);
            consumer.schedulePollTask(() -> addRaw("c1", c1));
            waiting.start();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(deadLettered::isEmpty);

            clock.advance(Duration.ofSeconds(61));
            offset = 0;
            consumer.schedulePollTask(() -> addRaw("c1", c1));

            waiting.awaitCaughtUp(Duration.ofSeconds(15));
            assertThat(deadLettered).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo(c1));
            assertThat(cache.latest("c1")).isEmpty();
        } finally {
            waiting.close(Duration.ofSeconds(5));
        }
    }
}
