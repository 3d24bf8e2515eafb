package io.mailstream.dispatcher.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The sent-ledger of a partition, carried in its committed offset's metadata: the offsets past the
 * committed one whose outcomes are already durable. Per-domain queues complete records out of
 * order, so the committed offset (the end of the longest durable prefix) can trail records already
 * delivered; whoever owns the partition next (this dispatcher after a restart, or another one after
 * a rebalance) reads this list with the committed offset and skips those records instead of mailing
 * them again. It moves with the partition and is bounded by Kafka's {@code offset.metadata.max.bytes}
 * (4 KiB by default): offsets that do not fit are left out, which only costs duplicates.
 *
 * <p>It also carries the commit's wall-clock time, so that the next owner knows from when to read
 * back {@code mail.delivery-events} for outcomes written after it ({@link OutcomesSinceCommit}).
 *
 * <p>Format: {@code msl2:<epoch millis>:} then comma-separated ranges relative to the committed
 * offset, {@code a-b} or {@code a}: {@code msl2:1763920000000:0-3,7,9-12} (no ranges: nothing
 * past the commit). The earlier {@code msl1:0-3,7} (no time) is still read.
 */
public final class CompletedOffsets {
    static final String PREFIX_V1 = "msl1:";
    static final String PREFIX = "msl2:";
    public static final int MAX_CHARS = 3500;

    private CompletedOffsets() {
    }

    /**
     * Encodes {@code done} (absolute offsets, each greater than or equal to {@code base}) relative to
     * {@code base}, with the commit time {@code at}.
     */
    public static String encode(long base, Collection<Long> done, Instant at) {
        StringBuilder b = new StringBuilder(PREFIX).append(at.toEpochMilli()).append(':');
        appendRanges(b, b.length(), base, done);
        return b.toString();
    }

    /** The ranges part of {@link #encode}'s result: what changes only when the ledger itself does. */
    public static String rangesOf(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return metadata == null ? "" : metadata;
        }
        int colon = metadata.indexOf(':', PREFIX.length());
        return colon < 0 ? "" : metadata.substring(colon + 1);
    }

    /** The commit time recorded in {@code metadata}; empty for the old format, someone else's metadata or none. */
    public static Optional<Instant> committedAt(String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = metadata.indexOf(':', PREFIX.length());
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(
                    metadata.substring(PREFIX.length(), colon < 0 ? metadata.length() : colon))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void appendRanges(StringBuilder b, int rangesStart, long base, Collection<Long> done) {
        NavigableSet<Long> sorted = new TreeSet<>(done);
        long start = -1;
        long end = -1;
        for (long o : sorted) {
            long rel = o - base;
            if (rel < 0) {
                continue;
            }
            if (start >= 0 && rel == end + 1) {
                end = rel;
                continue;
            }
            if (start >= 0 && !append(b, rangesStart, start, end)) {
                return;
            }
            start = rel;
            end = rel;
        }
        if (start >= 0) {
            append(b, rangesStart, start, end);
        }
    }

    private static boolean append(StringBuilder b, int rangesStart, long start, long end) {
        String range = start == end ? Long.toString(start) : start + "-" + end;
        if (b.length() + range.length() + 1 > MAX_CHARS) {
            return false;
        }
        if (b.length() > rangesStart) {
            b.append(',');
        }
        b.append(range);
        return true;
    }

    /** The absolute offsets recorded in {@code metadata} for committed offset {@code base}; empty when there are none or it is not ours. */
    public static NavigableSet<Long> decode(long base, String metadata) {
        NavigableSet<Long> out = new TreeSet<>();
        String ranges;
        if (metadata == null) {
            return out;
        } else if (metadata.startsWith(PREFIX_V1)) {
            ranges = metadata.substring(PREFIX_V1.length());
        } else if (metadata.startsWith(PREFIX) && committedAt(metadata).isPresent()) {
            ranges = rangesOf(metadata);
        } else {
            return out;
        }
        try {
            for (String range : ranges.split(",")) {
                if (range.isEmpty()) {
                    continue;
                }
                int dash = range.indexOf('-');
                long a = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
                long z = dash < 0 ? a : Long.parseLong(range.substring(dash + 1));
                for (long r = a; r <= z && out.size() < 1_000_000; r++) {
                    out.add(base + r);
                }
            }
        } catch (NumberFormatException e) {
            return new TreeSet<>(); // someone else's metadata: skip nothing rather than the wrong records
        }
        return out;
    }

    /** Offsets as a list, for tests and logs. */
    public static List<Long> list(NavigableSet<Long> offsets) {
        return new ArrayList<>(offsets);
    }
}
