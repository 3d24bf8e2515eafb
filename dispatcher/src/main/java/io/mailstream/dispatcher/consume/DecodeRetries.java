package io.mailstream.dispatcher.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Records that could not be decoded for a reason that may pass, one per partition (the head its
 * partition waits at): an unknown schema id, read again with backoff until
 * {@link UnknownSchemaPolicy#maxWait()} has passed since the first failure, then dead-lettered;
 * and an unreachable registry, read again with backoff for as long as it takes (an outage never
 * turns records into dead letters). Poll thread only.
 */
final class DecodeRetries {
    private record Waiting(long offset, Instant since, Duration backoff) {
    }

    private final UnknownSchemaPolicy policy;
    private final Map<TopicPartition, Waiting> waiting = new HashMap<>();

    DecodeRetries(UnknownSchemaPolicy policy) {
        this.policy = policy;
    }

    /** When to read the record with an unknown schema id again; empty once it has waited long enough (dead-letter it). */
    Optional<Instant> unknownSchema(TopicPartition tp, long offset, Instant now) {
        Waiting w = current(tp, offset, now);
        Instant giveUp = w.since().plus(policy.maxWait());
        if (!now.isBefore(giveUp)) {
            waiting.remove(tp);
            return Optional.empty();
        }
        Instant next = now.plus(w.backoff());
        waiting.put(tp, new Waiting(offset, w.since(), longer(w.backoff())));
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
