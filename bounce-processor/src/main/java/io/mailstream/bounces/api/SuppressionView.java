package io.mailstream.bounces.api;

import io.mailstream.avro.Suppression;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Read access to the suppression table, keyed by normalised address and ordered by it. */
public interface SuppressionView {
    /** The entry for a normalised address, expired or not. */
    Optional<Suppression> find(String normalizedAddress) throws NotQueryableException;

    /** Up to {@code limit} entries with keys after {@code after} (exclusive; empty = from the start), in key order. */
    List<Suppression> page(Optional<String> after, int limit) throws NotQueryableException;

    /** Every entry in key order; the consumer gets the key and the value. */
    void forEach(BiConsumer<String, Suppression> action) throws NotQueryableException;

    /** The table cannot be read right now (the service is starting or rebalancing); retry later. */
    final class NotQueryableException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotQueryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
