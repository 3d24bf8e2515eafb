package io.mailstream.dispatcher.consume;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What went wrong in the delivery workers, for health and metrics: unexpected throwables a worker
 * survived (its record completed as failed), and workers that died. Thread-safe.
 */
public final class WorkerFailures {
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger dead = new AtomicInteger();
    private final LongAdder survived = new LongAdder();
    private final AtomicReference<String> last = new AtomicReference<>();

    void started() {
        started.incrementAndGet();
    }

    /** A throwable a worker caught while handling one record (which it then completed as failed). */
    void survived(Throwable t) {
        survived.increment();
        last.set(t.toString());
    }

    /** A worker ended on a throwable while it should have been running. */
    void died(Throwable t) {
        dead.incrementAndGet();
        last.set(t.toString());
    }

    /** Workers started and not dead. */
    public int alive() {
        return started.get() - dead.get();
    }

    public int dead() {
        return dead.get();
    }

    /** Records completed as failed because their worker hit an unexpected throwable. */
    public long recordsFailed() {
        return survived.sum();
    }

    /** The last unexpected throwable, as text. */
    public Optional<String> last() {
        return Optional.ofNullable(last.get());
    }
}
