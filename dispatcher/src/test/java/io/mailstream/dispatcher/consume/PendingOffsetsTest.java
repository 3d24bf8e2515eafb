package io.mailstream.dispatcher.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.ledger.DeliveredPastCommit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PendingOffsetsTest {
    private static final TopicPartition TP = new TopicPartition("mail.outbound", 0);
    private static final Instant NOW = Instant.parse("2026-11-23T18:00:00Z");
    private final PendingOffsets pending = new PendingOffsets(Clock.fixed(NOW, ZoneOffset.UTC));

    private static CompletableFuture<Object> acked() {
        return CompletableFuture.completedFuture(null);
    }

    @Test
    void recordsCompletedOutOfOrderShouldNotMoveTheCommitPastTheFirstInProgressOne() {
        for (long o = 0; o < 4; o++) {
            pending.begin(TP, o);
        }
        pending.complete(TP, 0, List.of(acked()));
        pending.complete(TP, 2, List.of(acked()));
        pending.complete(TP, 3, List.of(acked()));

        PendingOffsets.Progress progress = pending.drain();

        assertThat(progress.committable()).containsEntry(TP, new OffsetAndMetadata(1, "msl2:" + NOW.toEpochMilli() + ":1-2"));
    }

    @Test
    void theCommitShouldCatchUpWhenTheGapCloses() {
        pending.begin(TP, 0);
        pending.begin(TP, 1);
        pending.complete(TP, 1, List.of(acked()));
        pending.drain();

        pending.complete(TP, 0, List.of(acked()));

        assertThat(pending.drain().committable()).containsEntry(TP, new OffsetAndMetadata(2, "msl2:" + NOW.toEpochMilli() + ":"));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void aHeldRecordShouldNeverBeCommittedNorListedAndTheDoneRecordsBehindItShouldNotStayInMemory() {
        pending.hold(TP, 0);
        for (long o = 1; o <= 3; o++) {
            pending.begin(TP, o);
        }
        pending.complete(TP, 0, List.of(acked())); // a held record is never completed, whatever comes
        pending.complete(TP, 1, List.of(acked()));
        pending.complete(TP, 2, List.of(acked()));

        PendingOffsets.Progress progress = pending.drain();

        assertThat(progress.committable()).doesNotContainKey(TP);
        assertThat(progress.failures()).isEmpty();
        assertThat(pending.size()).as("the held record and the one in progress").isEqualTo(2);
        pending.complete(TP, 3, List.of(CompletableFuture.failedFuture(new IllegalStateException("refused"))));
        assertThat(pending.drain().failures()).singleElement().extracting(PendingOffsets.Failure::offset).isEqualTo(3L);
    }

    @Test
    void unacknowledgedWritesShouldNotCountAsDone() {
        pending.begin(TP, 0);
        pending.begin(TP, 1);
        pending.complete(TP, 1, List.of(new CompletableFuture<>()));

        assertThat(pending.drain().committable()).as("nothing durable, nothing new to say").isEmpty();
    }

    @Test
    void theNextOwnerShouldSkipExactlyTheRecordsTheLedgerNames() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(TP));
        consumer.commitSync(Map.of(TP, new OffsetAndMetadata(5, "msl1:1,3")));
        DeliveredPastCommit ledger = new DeliveredPastCommit();

        ledger.load(consumer, List.of(TP));

        assertThat(ledger.consume(TP, 5)).isFalse();
        assertThat(ledger.consume(TP, 6)).isTrue();
        assertThat(ledger.consume(TP, 6)).as("only once").isFalse();
        assertThat(ledger.consume(TP, 7)).isFalse();
        assertThat(ledger.consume(TP, 8)).isTrue();
        assertThat(ledger.skipped()).isEqualTo(2);
    }
}
