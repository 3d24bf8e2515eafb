package io.mailstream.dispatcher.consume;

import io.mailstream.dispatcher.InvalidConfigException;

/**
 * {@code delivery.unacknowledged-events-per-worker}: how many of a worker's delivery events may still wait for Kafka's
 * acknowledgement when it starts its next SMTP transaction. A SIGKILL can repeat, per worker, the transaction in
 * flight plus this many: the crash window is {@code workers × (1 + unacknowledged)} transactions.
 *
 * <p>Zero is the tightest bound (one repeat per worker) and the slowest: each worker parks for a broker round trip
 * after every mail, and the produce requests carry few events each. The default, four, is the smallest window measured
 * to keep {@code bench delivery} within issue 21's 5 % of the pre-ledger rate (with a 5 ms linger: more events per
 * produce request); docs/benchmarks.md records what each value costs.
 *
 * @param unacknowledged events of one worker that may be unacknowledged when it starts a transaction
 */
public record EventAckWindow(int unacknowledged) {
    public static final int DEFAULT = 4;
    public static final int MAX = 64;
    /** Only for tests that acknowledge writes by hand: a worker never waits. */
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    public EventAckWindow {
        if (unacknowledged < 0 || (unacknowledged > MAX && unacknowledged != UNBOUNDED)) {
            throw new InvalidConfigException("delivery.unacknowledged-events-per-worker",
                    "must be in 0.." + MAX + ", was " + unacknowledged);
        }
    }

    public static EventAckWindow defaults() {
        return new EventAckWindow(DEFAULT);
    }

    /** Every worker waits for its event's acknowledgement before its next transaction. */
    public static EventAckWindow awaitEach() {
        return new EventAckWindow(0);
    }

    /** Workers never wait for acknowledgements: for tests that complete the producer's writes by hand. */
    public static EventAckWindow unbounded() {
        return new EventAckWindow(UNBOUNDED);
    }

    public boolean isUnbounded() {
        return unacknowledged == UNBOUNDED;
    }

    @Override
    public String toString() {
        return isUnbounded() ? "unbounded" : String.valueOf(unacknowledged);
    }
}
