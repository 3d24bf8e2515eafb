package io.mailstream.dispatcher.follow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * How current a followed table is: "current as of {@code t}" once every record written before
 * {@code t} has been applied, i.e. the read positions have reached the end offsets seen at
 * {@code t}. The table is current while that instant is no older than {@code maxLag}; time passes
 * on its own, so a follower that stops (a registry or broker outage, or death) turns stale without
 * having to say so. Written by the follower's thread, read from any.
 */
final class TableFreshness {
    /** End offsets not yet reached; later ones are at least as far, so dropping the oldest only loses precision. */
    private static final int MAX_MARKS = 64;

    private final Clock clock;
    private final Duration maxLag;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private volatile Instant currentAsOf;

    private record Mark(Instant at, Map<TopicPartition, Long> endOffsets) {
    }

    TableFreshness(Clock clock, Duration maxLag) {
        this.clock = clock;
        this.maxLag = maxLag;
    }

    /** The end offsets the topic had at {@code at}. */
    synchronized void endOffsetsSeen(Instant at, Map<TopicPartition, Long> endOffsets) {
        if (marks.size() == MAX_MARKS) {
            marks.removeFirst();
        }
        marks.addLast(new Mark(at, Map.copyOf(endOffsets)));
    }

    /** The read positions now: every mark they have reached makes the table current as of its time. */
    synchronized void positionsAre(ToLongFunction<TopicPartition> position) {
        while (!marks.isEmpty() && reached(marks.peekFirst(), position)) {
            currentAsOf = marks.removeFirst().at();
        }
    }

    /** Nothing to read (the topic does not exist yet): current as of {@code at}. */
    void emptyAt(Instant at) {
        currentAsOf = at;
    }

    /** Whether the table has ever been current (the initial load is done). */
    boolean loaded() {
        return currentAsOf != null;
    }

    boolean isCurrent() {
        Instant asOf = currentAsOf;
        return asOf != null && !asOf.plus(maxLag).isBefore(clock.instant());
    }

    /** How far behind the table is: now minus the instant it is current as of; empty before the initial load. */
    Optional<Duration> lag() {
        Instant asOf = currentAsOf;
        return asOf == null ? Optional.empty() : Optional.of(Duration.between(asOf, clock.instant()));
    }

    private static boolean reached(Mark m, ToLongFunction<TopicPartition> position) {
        return m.endOffsets().entrySet().stream().allMatch(e -> position.applyAsLong(e.getKey()) >= e.getValue());
    }
}
