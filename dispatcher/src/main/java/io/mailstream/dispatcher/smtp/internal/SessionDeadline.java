package io.mailstream.dispatcher.smtp.internal;

import java.time.Duration;

/**
 * A time limit on a whole exchange (a session set-up, a transaction) rather than on one read: a
 * receiver that drips one byte every few seconds satisfies every read timeout and would hold the
 * connection, and its delivery worker, for as long as it likes. {@link GuardedSocket} implements it
 * with its {@link StallGuard}, which closes the socket when the deadline passes.
 */
interface SessionDeadline {
    /** For sockets no guard watches: no limit. */
    SessionDeadline NONE = new SessionDeadline() {
        @Override
        public void arm(Duration limit) {
        }

        @Override
        public void disarm() {
        }
    };

    /** From now, the exchange must be done within {@code limit}; then the connection is closed. */
    void arm(Duration limit);

    void disarm();
}
