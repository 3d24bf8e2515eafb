package io.mailstream.dispatcher.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One FIFO queue per routing key (DESIGN: "No head-of-line blocking"), served round-robin: a
 * worker {@link #take takes} the head of the next ready queue, so a key with a long backlog or a
 * slow server gets its turn like any other and never holds more than {@code perKeyConcurrency}
 * workers. Urgent items (transactional mail) live in their own queues, which are always served
 * first. Thread-safe.
 *
 * @param <T> the queued item
 */
public final class DomainQueues<T> {
    private final Function<T, String> keyOf;
    private final Predicate<T> urgent;
    private final int perKeyConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    private final ArrayDeque<Lane<T>> readyUrgent = new ArrayDeque<>();
    private final ArrayDeque<Lane<T>> readyNormal = new ArrayDeque<>();
    private int size;
    private boolean closed;

    private static final class Lane<T> {
        final String id;
        final boolean urgent;
        final ArrayDeque<T> items = new ArrayDeque<>();
        int active;
        boolean queued;

        Lane(String id, boolean urgent) {
            this.id = id;
            this.urgent = urgent;
        }
    }

    public DomainQueues(Function<T, String> keyOf, Predicate<T> urgent, int perKeyConcurrency) {
        if (perKeyConcurrency < 1) {
            throw new IllegalArgumentException("perKeyConcurrency must be at least 1, was " + perKeyConcurrency);
        }
        this.keyOf = keyOf;
        this.urgent = urgent;
        this.perKeyConcurrency = perKeyConcurrency;
    }

    private String laneId(T item) {
        return (urgent.test(item) ? "!" : "") + keyOf.apply(item);
    }

    public void offer(T item) {
        lock.lock();
        try {
            String id = laneId(item);
            Lane<T> lane = lanes.computeIfAbsent(id, k -> new Lane<>(k, urgent.test(item)));
            lane.items.add(item);
            size++;
            markReady(lane);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next item to work on, waiting up to {@code timeout}; null on timeout or once closed.
     * Every item taken must be given back to {@link #done(Object)}.
     */
    public T take(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                Lane<T> lane = readyUrgent.poll();
                if (lane == null) {
                    lane = readyNormal.poll();
                }
                if (lane != null) {
                    lane.queued = false;
                    T item = lane.items.poll();
                    size--;
                    lane.active++;
                    markReady(lane);
                    return item;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = ready.awaitNanos(nanos);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the item's slot in its key's concurrency. */
    public void done(T item) {
        lock.lock();
        try {
            Lane<T> lane = lanes.get(laneId(item));
            if (lane == null) {
                return;
            }
            lane.active--;
            if (lane.active == 0 && lane.items.isEmpty()) {
                lanes.remove(lane.id);
            } else {
                markReady(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    private void markReady(Lane<T> lane) {
        if (!lane.queued && !lane.items.isEmpty() && lane.active < perKeyConcurrency) {
            lane.queued = true;
            (lane.urgent ? readyUrgent : readyNormal).add(lane);
            ready.signal();
        }
    }

    /** Takes every queued (not yet taken) item matching {@code filter} out of the queues. */
    public List<T> removeIf(Predicate<T> filter) {
        lock.lock();
        try {
            List<T> removed = new ArrayList<>();
            for (Lane<T> lane : lanes.values()) {
                for (Iterator<T> it = lane.items.iterator(); it.hasNext(); ) {
                    T item = it.next();
                    if (filter.test(item)) {
                        it.remove();
                        removed.add(item);
                    }
                }
            }
            size -= removed.size();
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Items waiting (not taken). */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting worker; {@link #take} returns null from now on. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            ready.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
