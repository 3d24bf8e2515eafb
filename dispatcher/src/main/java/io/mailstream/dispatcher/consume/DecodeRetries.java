package io.mailstream.dispatcher.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Records that could not be decoded for a reason that may pass. A schema id the registry does not
 * know is waited for {@link UnknownSchemaPolicy#maxWait()} from the first record that named it: its
 * records are read again with backoff until then, dead-lettered after (so a thousand records with
 * one unknown id cost one wait, not a thousand). An unreachable registry is waited for with backoff
 * as long as it takes (an outage never turns records into dead letters). The backoff is per
 * partition, for the record its partition waits at. Poll thread only.
 */
final class DecodeRetries {
    /** Unknown ids remembered at most; past it the oldest sightings are forgotten (they then wait again). */
    private static final int MAX_UNKNOWN_IDS = 10_000;

    private record Waiting(long offset, Instant since, Duration backoff) {
    }

    private final UnknownSchemaPolicy policy;
    private final Map<TopicPartition, Waiting> waiting = new HashMap<>();
    private final Map<Integer, Instant> unknownSince = new LinkedHashMap<>();

    DecodeRetries(UnknownSchemaPolicy policy) {
        this.policy = policy;
    }

    /**
     * When to read the record with unknown schema id {@code schemaId} again; empty once that id has
     * been unknown for long enough (dead-letter the record).
     */
    Optional<Instant> unknownSchema(TopicPartition tp, long offset, int schemaId, Instant now) {
        if (unknownSince.size() >= MAX_UNKNOWN_IDS && !unknownSince.containsKey(schemaId)) {
            unknownSince.remove(unknownSince.keySet().iterator().next());
        }
        Instant giveUp = unknownSince.computeIfAbsent(schemaId, id -> now).plus(policy.maxWait());
        if (!now.isBefore(giveUp)) {
            waiting.remove(tp);
            return Optional.empty();
        }
        Waiting w = current(tp, offset, now);
        waiting.put(tp, new Waiting(offset, w.since(), longer(w.backoff())));
        Instant next = now.plus(w.backoff());
        return Optional.of(next.isAfter(giveUp) ? giveUp : next);
    }

    /** When to read the record again while the registry cannot be reached. */
    Instant registryDown(TopicPartition tp, long offset, Instant now) {
        Waiting w = current(tp, offset, now);
        waiting.put(tp, new Waiting(offset, w.since(), longer(w.backoff())));
        return now.plus(w.backoff());
    }

    /** How long the record has been waiting, if it is. */
    Optional<Duration> waitingFor(TopicPartition tp, long offset, Instant now) {
        Waiting w = waiting.get(tp);
        return w == null || w.offset() != offset ? Optional.empty() : Optional.of(Duration.between(w.since(), now));
    }

    /** The record decoded (or was otherwise handled): its partition no longer waits. */
    void done(TopicPartition tp) {
        waiting.remove(tp);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(waiting::remove);
    }

    private Waiting current(TopicPartition tp, long offset, Instant now) {
        Waiting w = waiting.get(tp);
        return w != null && w.offset() == offset ? w : new Waiting(offset, now, policy.firstBackoff());
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : doubled;
    }
}
