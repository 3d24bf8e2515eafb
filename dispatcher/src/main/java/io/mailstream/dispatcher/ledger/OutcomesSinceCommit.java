package io.mailstream.dispatcher.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second half of the sent-ledger: on assignment, reads back the outcomes the previous owner of
 * the partitions wrote after their last commit (from the commit's time minus
 * {@code ledger.lookback-margin}, or {@code ledger.lookback} ago when the commit carries no time),
 * so that their records are completed without a second mail or a second event. The commit metadata
 * ({@link DeliveredPastCommit}) covers what was durable when the commit was made; this covers what
 * became durable after it, up to the kill. Poll thread only.
 */
public final class OutcomesSinceCommit {
    private static final Logger log = LoggerFactory.getLogger(OutcomesSinceCommit.class);

    private final Optional<DeliveryEventsTail> tail;
    private final LedgerSettings settings;
    private final Clock wallClock;
    private final RecentOutcomes recent;

    /**
     * @param tail      the reader of {@code mail.delivery-events}; empty turns this off
     * @param wallClock the clock of the event timestamps (the producers' wall clock, not a test clock)
     */
    public OutcomesSinceCommit(Optional<DeliveryEventsTail> tail, LedgerSettings settings, Clock wallClock) {
        this.tail = tail;
        this.settings = settings;
        this.wallClock = wallClock;
        this.recent = new RecentOutcomes(settings.maxEntries());
    }

    /** Reads what the previous owner of {@code committed}'s partitions did after their commits (blocking, bounded by {@code ledger.read-timeout}). */
    public void load(Consumer<?, ?> mail, Map<TopicPartition, OffsetAndMetadata> committed,
                     Collection<TopicPartition> partitions) {
        if (tail.isEmpty() || partitions.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Map<TopicPartition, Long> watch = new HashMap<>();
        Instant from = null;
        try {
            Map<TopicPartition, Long> end = mail.endOffsets(Set.copyOf(partitions), settings.readTimeout());
            Instant now = wallClock.instant();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long endOffset = end.getOrDefault(tp, 0L);
                if (endOffset == 0 || c != null && c.offset() >= endOffset) {
                    continue; // nothing past the commit to check
                }
                Optional<Instant> since = c == null ? Optional.empty() : CompletedOffsets.committedAt(c.metadata())
                        .map(t -> t.minus(settings.lookbackMargin()));
                if (since.isEmpty() && settings.lookback().isZero()) {
                    continue;
                }
                Instant start = since.orElse(now.minus(settings.lookback()));
                from = from == null || start.isBefore(from) ? start : from;
                watch.put(tp, endOffset);
            }
        } catch (KafkaException e) {
            log.warn("could not read the end offsets of {}: {}; records handled after the last commit may be sent again",
                    partitions, e.toString());
            return;
        }
        if (watch.isEmpty()) {
            return;
        }
        DeliveryEventsTail.Read read = tail.get().readSince(from, settings.readTimeout());
        recent.add(watch, read.outcomes());
        log.info("read {} delivery events since {} for {} in {} ms ({}): {} attempts already have an outcome",
                read.events(), from, watch.keySet(), Duration.ofNanos(System.nanoTime() - started).toMillis(),
                read.complete() ? "complete" : "cut short", read.outcomes().size());
    }

    /** True (once) when the record's attempt already has an outcome written by the previous owner. */
    public boolean consume(TopicPartition tp, long offset, String messageId, int attempt) {
        return recent.consume(tp, offset, messageId, attempt);
    }

    /** A record handled without a look at its attempt (dead-lettered, or skipped by the commit metadata). */
    public void passed(TopicPartition tp, long offset) {
        recent.passed(tp, offset);
    }

    public void forget(Collection<TopicPartition> partitions) {
        recent.forget(partitions);
    }

    /** Records skipped so far. */
    public long skipped() {
        return recent.skipped();
    }
}
