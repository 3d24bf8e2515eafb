package io.mailstream.dispatcher.smtp.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;

/**
 * Read and write timeouts for SMTP sockets without a timer per I/O call: each {@link GuardedSocket}
 * notes when a blocking read or write started, and one thread looks over all of them a few times
 * per timeout and closes a socket stuck in one call for longer than the timeout, which ends that
 * call with a {@link java.net.SocketTimeoutException}. The same look closes a socket whose armed
 * {@link SessionDeadline} (a whole transaction or session set-up) has passed, so a server that
 * drips bytes slowly enough to satisfy every read is cut off too.
 *
 * <p>Why not the socket's own timeouts: {@code SO_TIMEOUT} makes every read a non-blocking read,
 * a {@code poll} and a read again, and Jakarta Mail's {@code mail.smtp.writetimeout} schedules a
 * task on an executor thread for every write and cancels it after, waking that thread each time;
 * together that was most of the system time of a delivery worker in {@code bench delivery}.
 * The thread runs only while some socket is open and stops when {@link #close() closed}.
 */
public final class StallGuard implements AutoCloseable {
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Duration timeout;
    private final long timeoutNanos;
    private final long periodNanos;
    private final Set<GuardedSocket> open = ConcurrentHashMap.newKeySet();
    private final SocketFactory factory = new GuardedSocketFactory(this);
    private Thread watcher; // guarded by this
    private boolean closed; // guarded by this

    /** @param timeout how long one read or write may block before its socket is closed */
    public StallGuard(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, timeoutNanos / 4));
    }

    /** Makes unconnected {@link GuardedSocket}s; for Jakarta Mail's {@code mail.smtp.socketFactory}. */
    public SocketFactory socketFactory() {
        return factory;
    }

    /** Sockets open under this guard right now (for tests). */
    public int openSockets() {
        return open.size();
    }

    void opened(GuardedSocket socket) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("SMTP connections are shut down (stall guard closed)");
            }
            open.add(socket);
            if (watcher == null) {
                watcher = new Thread(this::watch, "mailstream-smtp-stall-guard");
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    void closed(GuardedSocket socket) {
        open.remove(socket);
    }

    private void watch() {
        while (true) {
            LockSupport.parkNanos(this, periodNanos);
            synchronized (this) {
                if (closed || open.isEmpty()) {
                    // Restarted by the next socket; a pool with no connection costs no thread.
                    watcher = null;
                    return;
                }
            }
            long now = System.nanoTime();
            for (GuardedSocket s : open) {
                s.closeIfStalled(now, timeoutNanos, timeout);
            }
        }
    }

    /** Stops the watching thread; sockets still open keep working without timeouts, new ones fail to connect. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            t = watcher;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
