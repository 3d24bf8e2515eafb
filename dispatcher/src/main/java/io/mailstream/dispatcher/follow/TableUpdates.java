package io.mailstream.dispatcher.follow;

import java.util.Map;

/** Receives the records of a compacted topic in order: an upsert per value, a removal per tombstone. */
public interface TableUpdates<V> {
    void upsert(String key, V value);

    void remove(String key);

    /**
     * Positions (partition → next offset) this table kept of an earlier run, from which the
     * follower resumes instead of reading the topic from its beginning. A table on the heap keeps
     * none; a table on disk stores them with its data ({@link #endOfBatch}).
     */
    default Map<Integer, Long> storedPositions() {
        return Map.of();
    }

    /**
     * Called after each batch of updates with the positions reached: a table on disk writes the
     * batch and these positions at once, so after a restart it holds exactly what the positions say.
     */
    default void endOfBatch(Map<Integer, Long> positions) {
    }
}
