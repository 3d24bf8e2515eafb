package io.mailstream.dispatcher.consume;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import io.mailstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why partitions are paused, and applying that to the consumer: a retry partition whose head
 * record is not due yet, a partition with too many records in memory, or all partitions when the
 * whole buffer is full. A partition is consumed again when no reason is left. Poll thread only.
 */
final class PartitionPauses {
    private static final Logger log = LoggerFactory.getLogger(PartitionPauses.class);

    private final Map<TopicPartition, Instant> notDue = new HashMap<>();
    private final Set<TopicPartition> full = new HashSet<>();
    private boolean allFull;
    private boolean allTransactionalFull;

    void notDueUntil(TopicPartition tp, Instant due) {
        notDue.put(tp, due);
    }

    void releaseDue(Instant now) {
        notDue.values().removeIf(due -> !now.isBefore(due));
    }

    void full(TopicPartition tp, boolean isFull) {
        if (isFull) {
            full.add(tp);
        } else {
            full.remove(tp);
        }
    }

    void allFull(boolean isFull, int buffered) {
        if (isFull != allFull) {
            allFull = isFull;
            if (isFull) {
                log.info("{} records in memory: pausing every partition until half of them are done", buffered);
            } else {
                log.info("{} records in memory: resuming partitions", buffered);
            }
        }
    }

    /** The transactional lane's own bound: campaign mail's {@link #allFull} never pauses its partitions. */
    void allTransactionalFull(boolean isFull, int buffered) {
        if (isFull != allTransactionalFull) {
            allTransactionalFull = isFull;
            log.info("{} transactional records in memory: {} the transactional partitions", buffered,
                    isFull ? "pausing" : "resuming");
        }
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(notDue::remove);
        partitions.forEach(full::remove);
    }

    boolean isNotDue(TopicPartition tp) {
        return notDue.containsKey(tp);
    }

    void apply(Consumer<?, ?> consumer) {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> paused = consumer.paused();
        Set<TopicPartition> pause = new HashSet<>();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition tp : assigned) {
            boolean lanePaused = Topics.isTransactional(tp.topic()) ? allTransactionalFull : allFull;
            boolean want = lanePaused || full.contains(tp) || notDue.containsKey(tp);
            if (want && !paused.contains(tp)) {
                pause.add(tp);
            } else if (!want && paused.contains(tp)) {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }
}
