package io.mailstream.dispatcher.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.MutableClock;
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

class LedgerFeedTest {
    private static final TopicPartition EVENTS0 = new TopicPartition(Topics.DELIVERY_EVENTS, 0);

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<DeliveryEvent> serde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final InMemorySentLedger ledger = new InMemorySentLedger(clock, Duration.ofDays(30));
    private final LedgerFeed feed = new LedgerFeed("test-ledger-feed", consumer, serde, ledger, Duration.ofDays(30), clock);

    @AfterEach
    void tearDown() {
        feed.close(Duration.ofSeconds(5));
    }

    @Test
    void aMissingEventsTopicShouldLeaveTheLedgerEmptyAndCaughtUp() {
        feed.start();

        feed.awaitCaughtUp(Duration.ofSeconds(5));

        assertThat(ledger.covers("m1", 0)).isFalse();
    }

    @Test
    void theFeedShouldResumeFromTheStoredPositionAndStoreItsNewOne() {
        consumer.updatePartitions(Topics.DELIVERY_EVENTS, List.of(new PartitionInfo(Topics.DELIVERY_EVENTS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(EVENTS0, 0L));
        consumer.updateEndOffsets(Map.of(EVENTS0, 4L));
        ledger.apply(List.of(), Map.of(0, 2L)); // offsets 0 and 1 were read before a restart
        consumer.schedulePollTask(() -> {
            consumer.addRecord(event(0, "old-0", Outcome.DELIVERED));
            consumer.addRecord(event(1, "old-1", Outcome.DELIVERED));
            consumer.addRecord(event(2, "m2", Outcome.DELIVERED));
            consumer.addRecord(event(3, "m3", Outcome.DEFERRED));
        });

        feed.start();
        feed.awaitCaughtUp(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> ledger.positions().equals(Map.of(0, 4L)));

        assertThat(ledger.covers("m2", 5)).as("terminal").isTrue();
        assertThat(ledger.covers("m3", 0)).as("deferred attempt 0").isTrue();
        assertThat(ledger.covers("m3", 1)).as("its retry").isFalse();
        assertThat(ledger.covers("old-0", 0)).as("before the stored position: not read again").isFalse();
    }

    private ConsumerRecord<byte[], byte[]> event(long offset, String messageId, Outcome outcome) {
        DeliveryEvent e = DeliveryEvent.newBuilder().setMessageId(messageId).setRecipient("r@example.com")
                .setOutcome(outcome).setAttempt(0).setTimestamp(Fixtures.NOW).setDispatcherId("d0").build();
        return new ConsumerRecord<>(Topics.DELIVERY_EVENTS, 0, offset, messageId.getBytes(StandardCharsets.UTF_8),
                serde.serializer().serialize(Topics.DELIVERY_EVENTS, e));
    }
}
