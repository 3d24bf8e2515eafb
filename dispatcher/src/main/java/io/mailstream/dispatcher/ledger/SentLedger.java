package io.mailstream.dispatcher.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The durable sent-ledger keyed by message id (DESIGN: "At most one mail per message id"): every
 * outcome acknowledged by Kafka is recorded here, and every record is checked against it before
 * its SMTP transaction, so that a relaunch of a campaign, an API or producer retry of the same
 * message id, or a re-read after a refused write sends no second mail and writes no second event.
 *
 * <p>Facts older than the horizon ({@code ledger.horizon}, 30 days by default) are forgotten, so
 * the store does not grow with every id for ever. Implementations are thread-safe: delivery workers
 * check, the producer's callbacks record, and {@link LedgerFeed} applies what every dispatcher wrote
 * to {@code mail.delivery-events}, with its read position, in one durable write.
 */
public interface SentLedger extends AutoCloseable {

    /** One outcome of one attempt of one message, at the time it was written. */
    record Outcome(String messageId, int attempt, boolean terminal, Instant at) {
        LedgerEntry entry() {
            return new LedgerEntry(attempt, terminal, at);
        }
    }

    /** True when the message already has an outcome that makes a record of it for {@code attempt} a repeat ({@link LedgerEntry#covers}). */
    boolean covers(String messageId, int attempt);

    /** Records an acknowledged outcome of this dispatcher (at once, before {@link LedgerFeed} reads it back). */
    void record(Outcome outcome);

    /**
     * Records what {@link LedgerFeed} read, together with the position it read up to per partition
     * of {@code mail.delivery-events}: after a crash the feed resumes from a position whose
     * outcomes are all in the store.
     */
    void apply(Collection<Outcome> outcomes, Map<Integer, Long> positions);

    /** The positions stored by {@link #apply}, by partition of {@code mail.delivery-events}. */
    Map<Integer, Long> positions();

    @Override
    void close();
}
