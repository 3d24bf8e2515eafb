package io.mailstream.dispatcher.consume;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One worker's delivery events that Kafka has not answered yet, held to its {@link EventAckWindow}: the worker calls
 * {@link #add} after each event and is parked there until no more than the window's events are unanswered, so it
 * never starts a transaction with more outcomes at risk than the window allows. Not thread-safe: one per worker.
 */
final class UnacknowledgedEvents {
    private final EventAckWindow window;
    private final ArrayDeque<Future<?>> pending = new ArrayDeque<>();

    UnacknowledgedEvents(EventAckWindow window) {
        this.window = window;
    }

    /** Adds the worker's latest event, then waits until at most the window's events are unanswered. */
    void add(Future<?> event) {
        if (window.isUnbounded()) {
            return;
        }
        pending.addLast(event);
        // Events are answered in order on one partition, but a worker's events go to many: drop whatever is done.
        pending.removeIf(Future::isDone);
        while (pending.size() > window.unacknowledged()) {
            awaitAnswer(pending.pollFirst());
        }
    }

    /** Events not answered yet (as last seen: answers land on the producer's thread). */
    int size() {
        return pending.size();
    }

    /** Waits for a write to be acknowledged or refused (the refusal is handled by its callback and the commit). */
    private static void awaitAnswer(Future<?> write) {
        try {
            write.get();
        } catch (ExecutionException e) {
            // refused: the callback remembered the outcome, the consume loop re-reads the record
        } catch (InterruptedException e) {
            // stopping: the commit still waits for the write; keep the flag for the worker's loop
            Thread.currentThread().interrupt();
        }
    }
}
