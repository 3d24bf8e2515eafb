package io.mailstream.dispatcher.consume;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commit tracking: records handed to delivery, the writes their outcomes caused, and the commit of
 * what {@link PendingOffsets} finds durable, at most once per {@code interval} while busy (a
 * commit is a broker round trip) and at once on rebalance and shutdown. A write Kafka refused is
 * returned to the caller, who must re-read its partition from there. Poll thread only.
 */
final class DurableCommits {
    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    private final Consumer<?, ?> consumer;
    private final long intervalNanos;
    private final PendingOffsets pending;
    private long lastCommit = System.nanoTime();

    DurableCommits(Consumer<?, ?> consumer, Duration interval, Clock wallClock) {
        this.consumer = consumer;
        this.pending = new PendingOffsets(wallClock);
        this.intervalNanos = interval.toNanos();
    }

    /** A record handed to delivery; nothing at or after it is committed until it completes. */
    void begin(TopicPartition tp, long offset) {
        pending.begin(tp, offset);
    }

    /** See {@link PendingOffsets#hold}. */
    void hold(TopicPartition tp, long offset) {
        pending.hold(tp, offset);
    }

    /** A record done without delivery (dead-lettered, or already delivered by a previous owner). */
    void track(TopicPartition tp, long offset, List<Future<?>> writes) {
        pending.track(tp, offset, writes);
    }

    void complete(TopicPartition tp, long offset, List<Future<?>> writes) {
        pending.complete(tp, offset, writes);
    }

    /** Commits if the interval has passed since the last commit; @return writes Kafka refused */
    List<PendingOffsets.Failure> commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommit < intervalNanos) {
            return List.of();
        }
        lastCommit = now;
        return commitNow();
    }

    /** @return writes Kafka refused: their partitions must be re-read from the failed offset */
    List<PendingOffsets.Failure> commitNow() {
        PendingOffsets.Progress progress = pending.drain();
        if (!progress.committable().isEmpty()) {
            commit(progress.committable());
        }
        return progress.failures();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // Typically a rebalance took the partitions; their next owner re-reads from the last commit.
            log.warn("commit of {} failed: {}", offsets, e.toString());
        }
    }

    void forget(Collection<TopicPartition> partitions) {
        pending.forget(partitions);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }
}
