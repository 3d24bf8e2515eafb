package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.dispatcher.follow.TableUpdates;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The addresses that must not be mailed, held in memory and fed from the compacted
 * {@code mail.suppressions} topic (key: {@link EmailAddress#normalized()}; a tombstone lifts a
 * suppression). An entry whose {@code expiresAt} has passed no longer suppresses.
 */
public final class SuppressionList implements TableUpdates<Suppression> {
    private final ConcurrentMap<String, Suppression> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;

    public SuppressionList(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void upsert(String key, Suppression value) {
        byAddress.put(normalize(key), value);
    }

    @Override
    public void remove(String key) {
        byAddress.remove(normalize(key));
    }

    /** The suppression in force for {@code address}, if any. */
    public Optional<Suppression> find(EmailAddress address) {
        Suppression s = byAddress.get(address.normalized());
        if (s == null || (s.getExpiresAt() != null && !s.getExpiresAt().isAfter(clock.instant()))) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public int size() {
        return byAddress.size();
    }

    // Keys are written normalized by the bounce processor; normalizing again guards manual entries.
    private static String normalize(String key) {
        try {
            return EmailAddress.parse(key).normalized();
        } catch (RuntimeException e) {
            return key.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
