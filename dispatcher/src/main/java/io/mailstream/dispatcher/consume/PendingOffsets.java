package io.mailstream.dispatcher.consume;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import io.mailstream.dispatcher.ledger.CompletedOffsets;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The commit rule (DESIGN: "An offset is committed only when its record's outcome is durable"):
 * tracks, per partition, every record handed to delivery and, once delivered, the writes it caused,
 * and yields as committable only the offset after the longest prefix of records whose writes have
 * all been acknowledged. Records complete out of order across domain queues; the commit waits for
 * the lowest one still in progress.
 * Not thread-safe: owned by the consume loop's thread.
 */
final class PendingOffsets {
    private static final List<Future<?>> IN_PROGRESS = java.util.Collections.unmodifiableList(new ArrayList<>());
    /** A record skipped because its campaign is paused: never completes; the partition is re-read from it later. */
    private static final List<Future<?>> HELD = java.util.Collections.unmodifiableList(new ArrayList<>());
    private final Map<TopicPartition, TreeMap<Long, List<Future<?>>>> pending = new HashMap<>();
    private final Map<TopicPartition, String> lastMetadata = new HashMap<>();
    private final Clock wallClock;

    /** @param wallClock the commit time written into the metadata; it must be the clock of the producer's record timestamps */
    PendingOffsets(Clock wallClock) {
        this.wallClock = wallClock;
    }

    /** A write that Kafka refused after the producer's own retries; the partition must be re-read from here. */
    record Failure(TopicPartition partition, long offset, Throwable cause) {
    }

    record Progress(Map<TopicPartition, OffsetAndMetadata> committable, List<Failure> failures) {
    }

    /** A record handed to delivery: nothing at or after it is committable until it is {@link #complete completed}. */
    void begin(TopicPartition tp, long offset) {
        pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, IN_PROGRESS);
    }

    /** The writes a record caused; ignored when its partition was forgotten meanwhile (revoked or re-read). */
    void complete(TopicPartition tp, long offset, List<Future<?>> writes) {
        TreeMap<Long, List<Future<?>>> offsets = pending.get(tp);
        if (offsets != null && offsets.get(offset) == IN_PROGRESS) {
            offsets.put(offset, List.copyOf(writes));
        }
    }

    /**
     * A record of a paused campaign, not kept in memory: nothing at or after it is committable until
     * its partition is {@link #forget forgotten} and read again from it. Records behind it whose
     * writes are acknowledged are dropped from here at the next {@link #drain} (the re-read skips
     * them by the sent-ledger), so a long pause does not grow this map with other campaigns' mail.
     */
    void hold(TopicPartition tp, long offset) {
        pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, HELD);
    }

    void track(TopicPartition tp, long offset, List<Future<?>> writes) {
        pending.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, List.copyOf(writes));
    }

    /**
     * Removes acknowledged prefixes; a failed write stops its partition's prefix and is reported.
     * The committable offset of a partition carries, as metadata, the offsets past it whose outcomes
     * are already durable and the commit time ({@link CompletedOffsets}), so that its next owner does
     * not repeat them and knows from when to read back the outcomes written after this commit.
     */
    Progress drain() {
        Instant now = wallClock.instant();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        for (Map.Entry<TopicPartition, TreeMap<Long, List<Future<?>>>> e : pending.entrySet()) {
            TreeMap<Long, List<Future<?>>> offsets = e.getValue();
            long next = -1;
            while (!offsets.isEmpty()) {
                Map.Entry<Long, List<Future<?>>> first = offsets.firstEntry();
                if (first.getValue() == IN_PROGRESS || first.getValue() == HELD || !first.getValue().stream().allMatch(Future::isDone)) {
                    break;
                }
                Optional<Throwable> failed = firstFailure(first.getValue());
                if (failed.isPresent()) {
                    failures.add(new Failure(e.getKey(), first.getKey(), failed.get()));
                    break;
                }
                offsets.pollFirstEntry();
                next = first.getKey() + 1;
            }
            if (offsets.isEmpty()) {
                if (next >= 0) {
                    commit.put(e.getKey(), new OffsetAndMetadata(next, CompletedOffsets.encode(next, List.of(), now)));
                    lastMetadata.remove(e.getKey());
                }
                continue;
            }
            long base = offsets.firstKey();
            if (offsets.firstEntry().getValue() == HELD) {
                dropDoneBehindHold(e.getKey(), offsets, failures);
            }
            List<Long> doneBeyond = new ArrayList<>();
            for (Map.Entry<Long, List<Future<?>>> o : offsets.tailMap(base, false).entrySet()) {
                if (o.getValue() != IN_PROGRESS && o.getValue() != HELD && o.getValue().stream().allMatch(Future::isDone)
                        && firstFailure(o.getValue()).isEmpty()) {
                    doneBeyond.add(o.getKey());
                }
            }
            String metadata = CompletedOffsets.encode(base, doneBeyond, now);
            // Only a changed ledger is worth a commit: the time alone changes on every drain.
            String ranges = CompletedOffsets.rangesOf(metadata);
            if (next >= 0 || !ranges.equals(lastMetadata.getOrDefault(e.getKey(), ""))) {
                commit.put(e.getKey(), new OffsetAndMetadata(base, metadata));
                lastMetadata.put(e.getKey(), ranges);
            }
        }
        return new Progress(commit, failures);
    }

    private static void dropDoneBehindHold(TopicPartition tp, TreeMap<Long, List<Future<?>>> offsets, List<Failure> failures) {
        for (var it = offsets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Future<?>>> o = it.next();
            List<Future<?>> writes = o.getValue();
            if (writes == HELD || writes == IN_PROGRESS || !writes.stream().allMatch(Future::isDone)) {
                continue;
            }
            Optional<Throwable> failed = firstFailure(writes);
            if (failed.isPresent()) {
                // Reported like a failure at the prefix: the partition is re-read from its first held record.
                failures.add(new Failure(tp, o.getKey(), failed.get()));
                return;
            }
            it.remove();
        }
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(pending::remove);
        partitions.forEach(lastMetadata::remove);
    }

    boolean isEmpty() {
        return pending.values().stream().allMatch(TreeMap::isEmpty);
    }

    int size() {
        return pending.values().stream().mapToInt(TreeMap::size).sum();
    }

    private static Optional<Throwable> firstFailure(List<Future<?>> writes) {
        for (Future<?> f : writes) {
            try {
                f.get();
            } catch (ExecutionException ex) {
                return Optional.of(ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return Optional.of(ex);
            } catch (java.util.concurrent.CancellationException ex) {
                return Optional.of(ex);
            }
        }
        return Optional.empty();
    }
}
