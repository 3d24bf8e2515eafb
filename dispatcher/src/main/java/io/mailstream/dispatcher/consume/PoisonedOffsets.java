package io.mailstream.dispatcher.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Records whose write failed with a never-retry error ({@link WriteErrors}): when the partition is
 * read again from there, such a record is dead-lettered as a truncated copy instead of being
 * processed again; if even that copy is refused, it is dropped with an error. Either way the
 * partition moves on: at most two re-reads, never a loop. Poll thread only.
 */
final class PoisonedOffsets {
    /** Why the record's write failed, and how many times one of its writes failed so. */
    record Poison(Throwable cause, int failures) {
    }

    private final Map<TopicPartition, Map<Long, Poison>> poisoned = new HashMap<>();
    private final Map<TopicPartition, Map<Long, Integer>> failures = new HashMap<>();

    void mark(TopicPartition tp, long offset, Throwable cause) {
        int n = failures.computeIfAbsent(tp, k -> new HashMap<>()).merge(offset, 1, Integer::sum);
        poisoned.computeIfAbsent(tp, k -> new HashMap<>()).put(offset, new Poison(cause, n));
    }

    /** The poison of the record at {@code offset}, if any; forgotten as it is handed out. */
    Optional<Poison> take(TopicPartition tp, long offset) {
        Map<Long, Poison> of = poisoned.get(tp);
        if (of == null) {
            return Optional.empty();
        }
        Poison p = of.remove(offset);
        if (of.isEmpty()) {
            poisoned.remove(tp);
        }
        if (p != null && p.failures() > 1) {
            Map<Long, Integer> f = failures.get(tp);
            f.remove(offset);
            if (f.isEmpty()) {
                failures.remove(tp);
            }
        }
        return Optional.ofNullable(p);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(poisoned::remove);
        partitions.forEach(failures::remove);
    }
}
