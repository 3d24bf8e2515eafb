package io.mailstream.dispatcher.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import io.mailstream.dispatcher.lane.PriorityBand;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FIFO queue per routing key (DESIGN: "No head-of-line blocking"), served round-robin: a
 * worker {@link #take takes} the head of the next ready queue, so a key with a long backlog or a
 * slow server gets its turn like any other and never holds more than {@code perKeyConcurrency}
 * workers. Urgent items (transactional mail) live in their own queues, which are always served
 * first; workers that {@link #take(Duration, boolean) take urgent items only} are the transactional
 * lane's reserve, which other items can never occupy. Among the others, a lane's rank is its items'
 * priority ({@code MailMessage.priority}, clamped by {@link PriorityBand}): higher ranks are served
 * first, so a time-critical campaign overtakes a routine backlog.
 *
 * <p>With a {@link LaneGate} ({@link #useGate}), a lane's head is only handed out once the gate
 * admits it: a lane that may not go yet (throttled, out of warm-up budget, suspended) is parked
 * until the time the gate names, and one whose connections are all taken waits until an item is
 * {@link #done done}; meanwhile workers serve the other lanes, so throttling never holds a worker
 * nor delays another domain of the same partition. Thread-safe.
 *
 * @param <T> the queued item
 */
public final class DomainQueues<T> {
    private static final Logger log = LoggerFactory.getLogger(DomainQueues.class);
    private final Function<T, String> keyOf;
    private static final int URGENT_RANK = Integer.MAX_VALUE;
    private final Predicate<T> urgent;
    private final ToIntFunction<T> priority;
    private final int perKeyConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    /** Two conditions: waking a reserved worker for a campaign lane would lose that wake-up. */
    private final Condition ready = lock.newCondition();
    private final Condition readyUrgent = lock.newCondition();
    private int waitingReserved;
    private final Map<String, Lane<T>> lanes = new HashMap<>();
    /** Ready lanes by rank, highest first; urgent lanes rank above every priority. */
    private final TreeMap<Integer, ArrayDeque<Lane<T>>> readyByRank = new TreeMap<>(Comparator.reverseOrder());
    private final PriorityQueue<Lane<T>> parked = new PriorityQueue<>((a, b) -> a.parkedUntil.compareTo(b.parkedUntil));
    private final List<Lane<T>> blocked = new ArrayList<>();
    private final Map<T, Instant> overflowing = new java.util.IdentityHashMap<>();
    private LaneGate<T> gate;
    private Clock clock = Clock.systemUTC();
    private int size;
    private boolean closed;
    /** Items given back to the gate so far: tells a lane found busy whether a slot was freed while the gate was asked. */
    private long releases;

    private static final class Lane<T> {
        final String id;
        final boolean urgent;
        final int rank;
        final ArrayDeque<T> items = new ArrayDeque<>();
        int active;
        boolean queued;
        boolean checking;
        boolean blocked;
        Instant parkedUntil;

        Lane(String id, boolean urgent, int rank) {
            this.id = id;
            this.urgent = urgent;
            this.rank = rank;
        }
    }

    public DomainQueues(Function<T, String> keyOf, Predicate<T> urgent, int perKeyConcurrency) {
        this(keyOf, urgent, item -> 0, perKeyConcurrency);
    }

    /** @param priority an item's priority among non-urgent items: higher first ({@link PriorityBand#clamp clamped}) */
    public DomainQueues(Function<T, String> keyOf, Predicate<T> urgent, ToIntFunction<T> priority, int perKeyConcurrency) {
        if (perKeyConcurrency < 1) {
            throw new IllegalArgumentException("perKeyConcurrency must be at least 1, was " + perKeyConcurrency);
        }
        this.keyOf = keyOf;
        this.urgent = urgent;
        this.priority = priority;
        this.perKeyConcurrency = perKeyConcurrency;
    }

    /**
     * Installs the gate every lane head must pass, with the clock its times are read on; call once,
     * before the first {@link #take}.
     */
    public void useGate(LaneGate<T> gate, Clock clock) {
        lock.lock();
        try {
            if (this.gate != null) {
                throw new IllegalStateException("a gate is already installed");
            }
            this.gate = gate;
            this.clock = clock;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes waiting workers to look at parked lanes again: tests call it after moving their clock. */
    public void recheck() {
        lock.lock();
        try {
            ready.signalAll();
            readyUrgent.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int rankOf(T item) {
        return urgent.test(item) ? URGENT_RANK : PriorityBand.clamp(priority.applyAsInt(item));
    }

    private String laneId(T item) {
        int rank = rankOf(item);
        String key = keyOf.apply(item);
        return rank == URGENT_RANK ? "!" + key : rank == 0 ? key : "^" + rank + " " + key;
    }

    public void offer(T item) {
        lock.lock();
        try {
            String id = laneId(item);
            Lane<T> lane = lanes.computeIfAbsent(id, k -> new Lane<>(k, urgent.test(item), rankOf(item)));
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
        return take(timeout, false);
    }

    /**
     * As {@link #take(Duration)}; with {@code urgentOnly}, only an urgent item (the transactional
     * lane's reserved workers): campaign mail never occupies such a worker.
     */
    public T take(Duration timeout, boolean urgentOnly) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                wakeParked();
                Lane<T> lane = nextReady(urgentOnly);
                if (lane != null) {
                    lane.queued = false;
                    T item = gate == null ? lane.items.peek() : admitHead(lane);
                    if (item == null) {
                        continue;
                    }
                    lane.items.poll();
                    size--;
                    lane.active++;
                    markReady(lane);
                    return item;
                }
                long nanos = deadline - System.nanoTime();
                if (nanos <= 0) {
                    return null;
                }
                if (urgentOnly) {
                    waitingReserved++;
                    try {
                        readyUrgent.awaitNanos(Math.min(nanos, nanosToNextWake()));
                    } finally {
                        waitingReserved--;
                    }
                } else {
                    ready.awaitNanos(Math.min(nanos, nanosToNextWake()));
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private Lane<T> nextReady(boolean urgentOnly) {
        Map.Entry<Integer, ArrayDeque<Lane<T>>> first = readyByRank.firstEntry();
        if (first == null || (urgentOnly && first.getKey() != URGENT_RANK)) {
            return null;
        }
        Lane<T> lane = first.getValue().poll();
        if (first.getValue().isEmpty()) {
            readyByRank.remove(first.getKey());
        }
        return lane;
    }

    /** Asks the gate about the lane's head without holding the lock; null if the lane must wait (it is parked or blocked then). */
    private T admitHead(Lane<T> lane) {
        T head = lane.items.peek();
        lane.checking = true;
        long releasesBefore = releases;
        Admission admission;
        lock.unlock();
        try {
            admission = gate.admit(head);
        } catch (RuntimeException e) {
            // A gate bug must not stall the lane for good: let the message go and say so.
            log.error("throttle gate failed for lane {}; letting its head through", lane.id, e);
            admission = Admission.ADMITTED;
        } finally {
            lock.lock();
            lane.checking = false;
        }
        if (lane.items.peek() != head) {
            // Removed meanwhile (its partition was revoked): give back what was granted and look again.
            if (admission instanceof Admission.Admitted) {
                gate.release(head);
            }
            forgetIfIdle(lane);
            markReady(lane);
            return null;
        }
        if (admission instanceof Admission.NotBefore nb) {
            lane.parkedUntil = nb.at();
            parked.add(lane);
            return null;
        }
        if (admission instanceof Admission.Busy) {
            if (releases != releasesBefore) {
                // A slot came back while the gate was asked; blocking now could wait for a done() that never comes.
                markReady(lane);
                return null;
            }
            lane.blocked = true;
            blocked.add(lane);
            return null;
        }
        if (admission instanceof Admission.Overflow o) {
            overflowing.put(head, o.reopensAt());
        }
        return head;
    }

    private void wakeParked() {
        if (parked.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        while (!parked.isEmpty() && !parked.peek().parkedUntil.isAfter(now)) {
            Lane<T> lane = parked.poll();
            lane.parkedUntil = null;
            if (!forgetIfIdle(lane)) {
                markReady(lane);
            }
        }
    }

    private long nanosToNextWake() {
        Lane<T> next = parked.peek();
        if (next == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, Duration.between(clock.instant(), next.parkedUntil).toNanos());
    }

    private boolean forgetIfIdle(Lane<T> lane) {
        if (lane.active == 0 && lane.items.isEmpty() && lane.parkedUntil == null && !lane.blocked && !lane.checking) {
            lanes.remove(lane.id, lane);
            return true;
        }
        return false;
    }

    /**
     * For an item just {@link #take taken}: the instant its lane's budget reopens, if the gate said
     * that is too far off to keep it in memory (the caller then parks it elsewhere); empty if it may go now.
     */
    public Optional<Instant> overflowUntil(T item) {
        lock.lock();
        try {
            return Optional.ofNullable(overflowing.remove(item));
        } finally {
            lock.unlock();
        }
    }

    /** Frees the item's slot in its key's concurrency. */
    public void done(T item) {
        lock.lock();
        try {
            if (gate != null) {
                gate.release(item);
                releases++;
                unblockAll();
            }
            Lane<T> lane = lanes.get(laneId(item));
            if (lane == null) {
                return;
            }
            lane.active--;
            if (!forgetIfIdle(lane)) {
                markReady(lane);
            }
        } finally {
            lock.unlock();
        }
    }

    private void unblockAll() {
        for (Lane<T> lane : blocked) {
            lane.blocked = false;
            markReady(lane);
        }
        blocked.clear();
    }

    private void markReady(Lane<T> lane) {
        if (!lane.queued && !lane.checking && !lane.blocked && lane.parkedUntil == null
                && !lane.items.isEmpty() && lane.active < perKeyConcurrency) {
            lane.queued = true;
            readyByRank.computeIfAbsent(lane.rank, r -> new ArrayDeque<>()).add(lane);
            if (lane.urgent && waitingReserved > 0) {
                readyUrgent.signal();
            } else {
                ready.signal();
            }
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
            readyUrgent.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
