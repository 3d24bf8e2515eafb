package io.mailstream.dispatcher.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.dispatcher.suppress.RocksSuppressionStore;
import io.mailstream.dispatcher.suppress.UnsubscribeScope;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table that keeps its position on disk is resumed from it: a restart reads only what changed. */
class StoredPositionsFollowerTest {
    private static final TopicPartition TP = new TopicPartition(Topics.SUPPRESSIONS, 0);
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<Suppression> serde = AvroSerde.forValue(Suppression.class, registry);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    @TempDir
    Path dir;

    private ConsumerRecord<byte[], byte[]> record(long offset, String address, boolean tombstone) {
        Suppression s = Suppression.newBuilder().setAddress(address).setReason("userunknown").setSource(SuppressionSource.BOUNCE)
                .setFirstSeen(clock.instant()).setLastSeen(clock.instant()).build();
        return new ConsumerRecord<>(Topics.SUPPRESSIONS, 0, offset, address.getBytes(StandardCharsets.UTF_8),
                tombstone ? null : serde.serializer().serialize(Topics.SUPPRESSIONS, s));
    }

    private MockConsumer<byte[], byte[]> topic(long end, List<ConsumerRecord<byte[], byte[]>> records) {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(Topics.SUPPRESSIONS, List.of(new PartitionInfo(Topics.SUPPRESSIONS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, end));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return consumer;
    }

    private void runUntilCaughtUp(RocksSuppressionStore store, MockConsumer<byte[], byte[]> consumer) {
        try (CompactedTopicFollower<Suppression> f = new CompactedTopicFollower<>("test-suppressions", Topics.SUPPRESSIONS,
                consumer, serde, store, clock, Duration.ofSeconds(30))) {
            f.start();
            f.awaitCaughtUp(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRestartShouldResumeFromTheStoredPositionAndNotReadOlderRecordsAgain() {
        Path state = dir.resolve("suppressions");
        try (RocksSuppressionStore store = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            runUntilCaughtUp(store, topic(2, List.of(record(0, "a@example.org", false), record(1, "b@example.org", false))));
            assertThat(store.storedPositions()).containsEntry(0, 2L);
        }

        try (RocksSuppressionStore store = RocksSuppressionStore.open(state, UnsubscribeScope.LIST, clock)) {
            // Offset 0 now says something the first run never saw: were it read again, "x@" would be suppressed.
            MockConsumer<byte[], byte[]> consumer = topic(4, List.of(record(0, "x@example.org", false),
                    record(1, "b@example.org", false), record(2, "a@example.org", true), record(3, "c@example.org", false)));
            runUntilCaughtUp(store, consumer);

            assertThat(store.find(EmailAddress.parse("x@example.org"))).as("offset 0 not read again").isEmpty();
            assertThat(store.find(EmailAddress.parse("a@example.org"))).as("tombstone after the position").isEmpty();
            assertThat(store.find(EmailAddress.parse("b@example.org"))).isPresent();
            assertThat(store.find(EmailAddress.parse("c@example.org"))).isPresent();
            assertThat(store.storedPositions()).containsEntry(0, 4L);
        }
    }
}
