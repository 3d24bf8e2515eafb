package io.mailstream.cli.standalone;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a standalone service in the foreground until SIGTERM or Ctrl-C, and lets the JVM exit only
 * once the service has closed: the shutdown hook waits for {@link #closed()}, because the JVM exits
 * as soon as every hook has returned.
 */
final class ForegroundService {
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    ForegroundService(String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-shutdown"));
    }

    /** Waits up to {@code seconds} for a stop request; true once one has come. */
    boolean awaitStop(long seconds) throws InterruptedException {
        return stopRequested.await(seconds, TimeUnit.SECONDS);
    }

    /** Call in a finally block once the service is closed. */
    void closed() {
        closed.countDown();
    }
}
