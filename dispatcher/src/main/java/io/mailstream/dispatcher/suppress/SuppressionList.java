package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link SuppressionStore} on the heap: a compact {@link SuppressionEntry} per address, read
 * from the beginning of {@code mail.suppressions} at every start. For tests and small lists;
 * {@link RocksSuppressionStore} keeps millions of addresses in bounded memory.
 */
public final class SuppressionList implements SuppressionStore {
    private final ConcurrentMap<String, SuppressionEntry> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;
    private final UnsubscribeScope unsubscribes;

    /** Unsubscribes reach their own list only ({@link UnsubscribeScope#LIST}). */
    public SuppressionList(Clock clock) {
        this(clock, UnsubscribeScope.LIST);
    }

    public SuppressionList(Clock clock, UnsubscribeScope unsubscribes) {
        this.clock = clock;
        this.unsubscribes = unsubscribes;
    }

    @Override
    public void upsert(String key, Suppression value) {
        byAddress.put(SuppressionKeys.normalize(key), SuppressionEntry.fromAvro(value));
    }

    @Override
    public void remove(String key) {
        byAddress.remove(SuppressionKeys.normalize(key));
    }

    @Override
    public Optional<Suppressed> find(EmailAddress address, MessageKind kind, Optional<String> listId) {
        SuppressionEntry e = byAddress.get(address.normalized());
        return e == null ? Optional.empty() : e.blocking(kind, listId, unsubscribes, clock.millis());
    }

    public int size() {
        return byAddress.size();
    }

    @Override
    public void close() {
        byAddress.clear();
    }
}
