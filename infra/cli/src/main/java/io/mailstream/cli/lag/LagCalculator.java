package io.mailstream.cli.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The arithmetic of consumer lag, free of any I/O: offsets in, {@link LagSnapshot} out; two
 * snapshots in, a {@link LagRate} per group out.
 */
public final class LagCalculator {
    private LagCalculator() {
    }

    /** Log start and end offset of one partition. */
    public record Offsets(long start, long end) {
        public Offsets {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("invalid offsets: start " + start + ", end " + end);
            }
        }
    }

    /**
     * One group's lag on every partition it has a committed offset for, plus the other partitions
     * of the same topics (counted from the log start, as an {@code earliest} consumer would read them).
     *
     * @param committed the group's committed offsets (topic → partition → offset)
     * @param offsets   log start/end per topic → partition, for every partition of those topics
     */
    public static List<PartitionLag> lagOf(String group, Map<String, Map<Integer, Long>> committed,
                                           Map<String, Map<Integer, Offsets>> offsets) {
        List<PartitionLag> out = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Long>> topic : new TreeMap<>(committed).entrySet()) {
            Map<Integer, Offsets> partitions = offsets.getOrDefault(topic.getKey(), Map.of());
            for (Map.Entry<Integer, Offsets> p : new TreeMap<>(partitions).entrySet()) {
                Long c = topic.getValue().get(p.getKey());
                Offsets o = p.getValue();
                long from = c == null ? o.start() : Math.max(c, o.start());
                // A committed offset beyond the end (the topic was truncated or recreated) is no lag.
                long lag = Math.max(0, o.end() - from);
                out.add(new PartitionLag(group, topic.getKey(), p.getKey(),
                        c == null ? OptionalLong.empty() : OptionalLong.of(c), o.start(), o.end(), lag));
            }
        }
        return out;
    }

    public static LagSnapshot snapshot(Instant takenAt, List<PartitionLag> partitions) {
        return new LagSnapshot(takenAt, partitions);
    }

    /** Rate and time to drain of every group present in both samples (a group seen only once has no rate yet). */
    public static Map<String, LagRate> rates(LagSnapshot previous, LagSnapshot current) {
        Duration elapsed = Duration.between(previous.takenAt(), current.takenAt());
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("samples must be in time order: " + previous.takenAt() + " then " + current.takenAt());
        }
        Map<String, Long> before = previous.lagByGroup();
        Map<String, LagRate> out = new TreeMap<>();
        current.lagByGroup().forEach((group, now) -> {
            Long then = before.get(group);
            if (then != null) {
                out.put(group, rate(group, then, now, elapsed));
            }
        });
        return out;
    }

    /** The rate of a total lag that went from {@code then} to {@code now} in {@code elapsed}. */
    public static LagRate rate(String group, long then, long now, Duration elapsed) {
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed must be positive, was " + elapsed);
        }
        double seconds = elapsed.toNanos() / 1e9;
        double perSecond = (now - then) / seconds;
        Optional<Duration> drain;
        if (now == 0) {
            drain = Optional.of(Duration.ZERO);
        } else if (perSecond < 0) {
            drain = Optional.of(Duration.ofMillis(Math.round(now / -perSecond * 1000)));
        } else {
            drain = Optional.empty();
        }
        return new LagRate(group, then, now, elapsed, perSecond, drain);
    }
}
