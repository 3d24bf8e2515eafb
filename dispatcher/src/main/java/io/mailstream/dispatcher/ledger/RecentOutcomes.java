package io.mailstream.dispatcher.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The (messageId, attempt) pairs that already have a {@code DeliveryEvent} written shortly before
 * and after the last commit of newly assigned partitions: their records were handled by the
 * previous owner after its last commit (it died before committing them), so delivering them again
 * would send a second mail and write a second terminal event.
 *
 * <p>Kept only while it can matter: each assigned partition is watched up to its end offset at
 * assignment (a later record cannot have been read by the previous owner); once every watched
 * partition has passed it, or was revoked, the set is dropped. Bounded by
 * {@link LedgerSettings#maxEntries()}: past it the oldest pairs go first (those least likely to lie
 * past the commit). Poll thread only.
 */
public final class RecentOutcomes {
    private static final Logger log = LoggerFactory.getLogger(RecentOutcomes.class);

    private final int maxEntries;
    private final Map<TopicPartition, Long> watchUntil = new HashMap<>();
    private final LinkedHashMap<OutcomeKey, Boolean> seen;
    private boolean capWarned;
    private long skipped;

    public RecentOutcomes(int maxEntries) {
        this.maxEntries = maxEntries;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<OutcomeKey, Boolean> eldest) {
                if (size() <= RecentOutcomes.this.maxEntries) {
                    return false;
                }
                if (!capWarned) {
                    capWarned = true;
                    log.warn("more than {} recent outcomes (ledger.max-entries): the oldest are dropped, "
                            + "their records may be sent again", RecentOutcomes.this.maxEntries);
                }
                return true;
            }
        };
    }

    /**
     * Adds what was read for newly assigned partitions, watched up to their end offsets at
     * assignment ({@code endOffsets}: the first offset that cannot need a check).
     */
    public void add(Map<TopicPartition, Long> endOffsets, Collection<OutcomeKey> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        watchUntil.putAll(endOffsets);
        outcomes.forEach(k -> seen.put(k, Boolean.TRUE));
        dropWhenDone();
    }

    /** True when the record at {@code offset} of {@code tp}, for this attempt of the message, already has an outcome written. */
    public boolean consume(TopicPartition tp, long offset, String messageId, int attempt) {
        Long until = watchUntil.get(tp);
        if (until == null) {
            return false;
        }
        boolean done = offset < until && seen.remove(new OutcomeKey(messageId, attempt)) != null;
        if (done) {
            skipped++;
        }
        if (offset + 1 >= until) {
            watchUntil.remove(tp);
            dropWhenDone();
        }
        return done;
    }

    /** A record of {@code tp} handled otherwise (dead-lettered, or skipped by the commit metadata): only moves the watch on. */
    public void passed(TopicPartition tp, long offset) {
        Long until = watchUntil.get(tp);
        if (until != null && offset + 1 >= until) {
            watchUntil.remove(tp);
            dropWhenDone();
        }
    }

    /** Stops watching partitions no longer ours. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(watchUntil::remove);
        dropWhenDone();
    }

    private void dropWhenDone() {
        if (watchUntil.isEmpty() && !seen.isEmpty()) {
            log.info("assigned partitions are past their ends at assignment: dropping {} recent outcomes", seen.size());
            seen.clear();
        }
        if (watchUntil.isEmpty()) {
            capWarned = false;
        }
    }

    /** Records skipped so far because their outcome was already written. */
    public long skipped() {
        return skipped;
    }

    /** Pairs held now (for tests and logs). */
    public int size() {
        return seen.size();
    }

    /** Partitions still watched (for tests). */
    public Set<TopicPartition> watched() {
        return Set.copyOf(watchUntil.keySet());
    }
}
