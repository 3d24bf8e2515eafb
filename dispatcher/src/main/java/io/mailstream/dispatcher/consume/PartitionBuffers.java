package io.mailstream.dispatcher.consume;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.mailstream.schemas.topics.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Back-pressure: how many records of each assigned partition are in memory ({@link PartitionState}),
 * and the pauses that bound them (DESIGN: "Partitions are paused when buffers fill, not by
 * sleeping"): a partition at {@code maxBufferedPerPartition} is paused until half of its records
 * are done, and every partition when the total reaches {@code maxBuffered}. Poll thread only.
 *
 * <p>The transactional lane's partitions ({@code mail.transactional} and its retry topics) have
 * bounds of their own ({@code lane.transactional.max-buffered}, for each partition and for all of
 * them) and do not count towards campaign mail's: however full campaign buffers are, transactional
 * mail is still read (issue 14).
 */
final class PartitionBuffers {
    private final Map<TopicPartition, PartitionState> states = new HashMap<>();
    private final PartitionPauses pauses;
    private final EngineSettings settings;

    PartitionBuffers(EngineSettings settings, PartitionPauses pauses) {
        this.settings = settings;
        this.pauses = pauses;
    }

    /** The partition's current state, created on its first record. */
    PartitionState stateOf(TopicPartition tp) {
        return states.computeIfAbsent(tp, PartitionState::new);
    }

    /** Whether {@code state} is still the partition's current one (not revoked and replaced since). */
    boolean isCurrent(PartitionState state) {
        return states.get(state.partition()) == state;
    }

    /** Starts the partition afresh (its records are to be read again). */
    void reset(TopicPartition tp) {
        states.put(tp, new PartitionState(tp));
    }

    PartitionState get(TopicPartition tp) {
        return states.get(tp);
    }

    /** Revokes and forgets the partitions; returns the states that were revoked. */
    List<PartitionState> remove(Collection<TopicPartition> partitions) {
        List<PartitionState> revoked = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            PartitionState s = states.remove(tp);
            if (s != null) {
                s.revoke();
                revoked.add(s);
            }
        }
        pauses.forget(partitions);
        return revoked;
    }

    void revokeAll() {
        states.values().forEach(PartitionState::revoke);
    }

    int total() {
        int total = 0;
        for (PartitionState s : states.values()) {
            total += s.buffered();
        }
        return total;
    }

    void applyBackPressure(Consumer<?, ?> consumer) {
        int total = 0;
        int transactional = 0;
        for (PartitionState s : states.values()) {
            int b = s.buffered();
            boolean urgent = Topics.isTransactional(s.partition().topic());
            if (urgent) {
                transactional += b;
            } else {
                total += b;
            }
            int bound = urgent ? settings.lanes().maxBuffered() : settings.maxBufferedPerPartition();
            if (b >= bound) {
                pauses.full(s.partition(), true);
            } else if (b <= bound / 2) {
                pauses.full(s.partition(), false);
            }
        }
        if (total >= settings.maxBuffered()) {
            pauses.allFull(true, total);
        } else if (total <= settings.maxBuffered() / 2) {
            pauses.allFull(false, total);
        }
        int transactionalBound = settings.lanes().maxBuffered();
        if (transactional >= transactionalBound) {
            pauses.allTransactionalFull(true, transactional);
        } else if (transactional <= transactionalBound / 2) {
            pauses.allTransactionalFull(false, transactional);
        }
        pauses.apply(consumer);
    }
}
