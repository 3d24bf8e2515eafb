package io.mailstream.dispatcher.ledger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This dispatcher's own acknowledged outcomes that {@link LedgerFeed} has not yet read back and
 * written to the store: the sent-ledger's answer for them in the milliseconds between Kafka's
 * acknowledgement and the feed's next batch (a re-read after a refused write, a second copy right
 * behind the first).
 *
 * <p>Held on the heap, not written to RocksDB, because every one of them comes back through the feed
 * within its fetch wait, which then writes it once, logged, with its position: writing it twice
 * (unlogged now, logged later) and reading it before each write cost a fifth of the dispatcher's
 * CPU per message. Losing these entries in a crash loses nothing the store would have kept: the
 * earlier unlogged writes were not durable either, and the feed re-reads from its stored position.
 *
 * <p>Bounded: when the feed falls behind (a broker outage) and {@code capacity} entries wait,
 * {@link #offer} refuses, and the caller writes the outcome to the store itself.
 */
final class UnappliedOutcomes {
    private final int capacity;
    private final ConcurrentHashMap<String, LedgerEntry> entries = new ConcurrentHashMap<>();
    private final AtomicBoolean overflowed = new AtomicBoolean();

    UnappliedOutcomes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps {@code entry} (merged with what is kept for the id); false when full, and from then on {@link #everOverflowed()}. */
    boolean offer(String messageId, LedgerEntry entry) {
        if (entries.size() >= capacity && !entries.containsKey(messageId)) {
            overflowed.set(true);
            return false;
        }
        entries.merge(messageId, entry, LedgerEntry::merge);
        return true;
    }

    Optional<LedgerEntry> get(String messageId) {
        return Optional.ofNullable(entries.get(messageId));
    }

    /** Forgets the id's entry once {@code stored} (what the store now holds) includes all of it. */
    void appliedAs(String messageId, LedgerEntry stored) {
        entries.computeIfPresent(messageId, (id, kept) -> stored.merge(kept).equals(stored) ? null : kept);
    }

    /** True once an outcome could not be kept and went to the store directly. */
    boolean everOverflowed() {
        return overflowed.get();
    }

    int size() {
        return entries.size();
    }
}
