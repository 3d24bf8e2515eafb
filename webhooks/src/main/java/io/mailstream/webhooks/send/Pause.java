package io.mailstream.webhooks.send;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits between attempts, and runs the slow steps (a request, a dead-letter write). The service's
 * implementation keeps the endpoint's consumer in its group meanwhile (it polls with every partition
 * paused), so neither a long outage nor a slow receiver makes Kafka hand its partitions to another
 * instance; tests move a clock and run the steps directly.
 */
@FunctionalInterface
public interface Pause {
    void pause(Duration duration) throws InterruptedException;

    /** Runs {@code work} to its end; unchecked exceptions of the work are thrown as they are. */
    default <T> T whilePolling(Callable<T> work) throws InterruptedException {
        try {
            return work.call();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
