package io.mailstream.dispatcher.ledger;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * What the sent-ledger knows of one message id: the highest attempt with an outcome, whether any
 * outcome was terminal (every outcome but DEFERRED), and when the last one was recorded.
 *
 * <p>A record of that message for attempt {@code a} is already handled ({@link #covers}) when a
 * terminal outcome exists, or when attempt {@code a} (or a later one) already has an outcome: a
 * DEFERRED event is written only after its retry record is acknowledged, so the retry record of
 * attempt {@code a + 1} carries the message on, and a second copy of attempt {@code a} (a relaunch,
 * an API retry, a re-read after a refused write) must not mail again.
 */
public record LedgerEntry(int attempt, boolean terminal, Instant at) {
    static final int BYTES = Long.BYTES + Integer.BYTES + 1;

    /** True when a record of this message for {@code recordAttempt} must not be delivered again. */
    public boolean covers(int recordAttempt) {
        return terminal || attempt >= recordAttempt;
    }

    /** Both facts together: a terminal outcome stays terminal, the highest attempt and latest time win. */
    public LedgerEntry merge(LedgerEntry other) {
        return new LedgerEntry(Math.max(attempt, other.attempt), terminal || other.terminal,
                at.isAfter(other.at) ? at : other.at);
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).putLong(at.toEpochMilli()).putInt(attempt).put((byte) (terminal ? 1 : 0)).array();
    }

    static LedgerEntry decode(byte[] bytes) {
        if (bytes == null || bytes.length != BYTES) {
            throw new IllegalArgumentException("not a ledger entry: " + (bytes == null ? "null" : bytes.length + " bytes"));
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long at = b.getLong();
        int attempt = b.getInt();
        return new LedgerEntry(attempt, b.get() == 1, Instant.ofEpochMilli(at));
    }
}
