package io.mailstream.producer.launch;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a suppression keeps an address from campaign mail of one list, as the dispatcher decides
 * it with unsubscribes scoped to their list (its default, {@code --unsubscribe-scope LIST}):
 * every active part other than an unsubscribe blocks; an unsubscribe blocks when it names no list,
 * names this one, or the campaign has none. A dispatcher configured GLOBAL also drops, at send
 * time, what this lets through.
 */
final class SuppressionRule {
    private SuppressionRule() {
    }

    static boolean blocksCampaign(Suppression s, Optional<String> listId, long nowMillis) {
        if (s.getParts() == null || s.getParts().isEmpty()) {
            return active(s.getExpiresAt(), nowMillis); // a record from before parts: its top-level fields, every list
        }
        for (SuppressionPart p : s.getParts()) {
            if (!active(p.getExpiresAt(), nowMillis)) {
                continue;
            }
            if (p.getSource() != SuppressionSource.UNSUBSCRIBE || p.getScope() == null || p.getScope().isEmpty()
                    || listId.isEmpty() || listId.get().equals(p.getScope())) {
                return true;
            }
        }
        return false;
    }

    private static boolean active(Instant expiresAt, long nowMillis) {
        return expiresAt == null || expiresAt.toEpochMilli() > nowMillis;
    }
}
