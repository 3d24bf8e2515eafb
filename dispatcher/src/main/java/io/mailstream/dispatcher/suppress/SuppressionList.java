package io.mailstream.dispatcher.suppress;

import io.mailstream.avro.MessageKind;
import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.dispatcher.follow.TableUpdates;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The addresses that must not be mailed, held in memory and fed from the compacted
 * {@code mail.suppressions} topic (key: {@link EmailAddress#normalized()}; a tombstone lifts a
 * suppression). An entry whose {@code expiresAt} has passed no longer suppresses; an entry that
 * only says "unsubscribed" does not block transactional mail ({@link #find(EmailAddress, MessageKind)}).
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

    /** The suppression in force for {@code address}, if any (for campaign mail: every source counts). */
    public Optional<Suppression> find(EmailAddress address) {
        return find(address, MessageKind.CAMPAIGN);
    }

    /**
     * The suppression in force for mail of {@code kind} to {@code address}, if any: an unsubscribe
     * is from marketing, so it does not block transactional mail (a password reset, a receipt);
     * hard bounces, complaints, soft-bounce windows and manual entries block every kind.
     */
    public Optional<Suppression> find(EmailAddress address, MessageKind kind) {
        Suppression s = byAddress.get(address.normalized());
        Instant now = clock.instant();
        if (s == null || !active(s.getExpiresAt(), now)) {
            return Optional.empty();
        }
        if (kind == MessageKind.CAMPAIGN) {
            return Optional.of(s);
        }
        boolean blocks = s.getParts().isEmpty()
                ? s.getSource() != SuppressionSource.UNSUBSCRIBE
                : s.getParts().stream().anyMatch(p -> p.getSource() != SuppressionSource.UNSUBSCRIBE && active(p.getExpiresAt(), now));
        return blocks ? Optional.of(s) : Optional.empty();
    }

    private static boolean active(Instant expiresAt, Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
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
