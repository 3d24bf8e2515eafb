package io.mailstream.bounces.receive;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time the message after DATA may take to arrive in all ({@link ReceiverConfig#dataTimeout()}),
 * so a client trickling its message cannot hold a session for ever; each read has its own socket
 * timeout on top. Measured with an injected nanosecond clock.
 */
final class DataDeadline {
    private final Duration timeout;
    private final LongSupplier nanoTime;

    DataDeadline(Duration timeout, LongSupplier nanoTime) {
        this.timeout = timeout;
        this.nanoTime = nanoTime;
    }

    /** Starts the clock for one message. */
    Running start() {
        return new Running(nanoTime.getAsLong());
    }

    /** One message's deadline. */
    final class Running {
        private final long startedNanos;

        private Running(long startedNanos) {
            this.startedNanos = startedNanos;
        }

        boolean passed() {
            return nanoTime.getAsLong() - startedNanos > timeout.toNanos();
        }

        Duration timeout() {
            return timeout;
        }
    }
}
