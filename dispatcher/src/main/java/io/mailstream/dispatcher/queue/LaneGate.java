package io.mailstream.dispatcher.queue;

/**
 * Decides whether the head of a lane may be worked on now ({@link DomainQueues}). Called without
 * the queues' lock, at most once at a time per lane, so it may take its time (a cached DNS answer);
 * everything it grants in {@link #admit} is given back in {@link #release} when the item is done.
 */
public interface LaneGate<T> {
    Admission admit(T head);

    /** The item admitted earlier is done (delivered, deferred, or dropped on revocation). */
    void release(T item);
}
