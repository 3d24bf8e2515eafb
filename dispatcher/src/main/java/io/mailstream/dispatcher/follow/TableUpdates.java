package io.mailstream.dispatcher.follow;

/** Receives the records of a compacted topic in order: an upsert per value, a removal per tombstone. */
public interface TableUpdates<V> {
    void upsert(String key, V value);

    void remove(String key);
}
