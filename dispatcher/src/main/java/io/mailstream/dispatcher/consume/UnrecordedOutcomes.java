package io.mailstream.dispatcher.consume;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Outcomes this dispatcher knows but Kafka refused to record: the SMTP transaction happened (and,
 * for a deferred message, its retry record was acknowledged), only the event write failed. The
 * refused write makes the consume loop re-read the partition from that record; the re-read copy
 * then writes the event again instead of mailing again. Bounded: past {@code maxEntries} the oldest
 * are forgotten (their records would be mailed again: duplicates, never loss). Thread-safe; the
 * path is rare, so one lock is fine.
 */
final class UnrecordedOutcomes {
    private record Key(String messageId, int attempt) {
    }

    private final Map<Key, DeliveryOutcome> outcomes;

    UnrecordedOutcomes(int maxEntries) {
        this.outcomes = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, DeliveryOutcome> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized void remember(String messageId, int attempt, DeliveryOutcome outcome) {
        outcomes.put(new Key(messageId, attempt), outcome);
    }

    /** The outcome known for this attempt of the message, forgotten as it is handed out. */
    synchronized Optional<DeliveryOutcome> take(String messageId, int attempt) {
        return Optional.ofNullable(outcomes.remove(new Key(messageId, attempt)));
    }

    synchronized int size() {
        return outcomes.size();
    }
}
