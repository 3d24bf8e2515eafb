package io.mailstream.dispatcher.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
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
 * <p>Format: {@code msl1:} then comma-separated ranges relative to the committed offset,
 * {@code a-b} or {@code a}: {@code msl1:0-3,7,9-12}.
 */
public final class CompletedOffsets {
    static final String PREFIX = "msl1:";
    public static final int MAX_CHARS = 3500;

    private CompletedOffsets() {
    }

    /** Encodes {@code done} (absolute offsets, each greater than or equal to {@code base}) relative to {@code base}. */
    public static String encode(long base, Collection<Long> done) {
        if (done.isEmpty()) {
            return "";
        }
        NavigableSet<Long> sorted = new TreeSet<>(done);
        StringBuilder b = new StringBuilder(PREFIX);
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
            if (start >= 0 && !append(b, start, end)) {
                return b.toString();
            }
            start = rel;
            end = rel;
        }
        if (start >= 0) {
            append(b, start, end);
        }
        return b.toString();
    }

    private static boolean append(StringBuilder b, long start, long end) {
        String range = start == end ? Long.toString(start) : start + "-" + end;
        if (b.length() + range.length() + 1 > MAX_CHARS) {
            return false;
        }
        if (b.length() > PREFIX.length()) {
            b.append(',');
        }
        b.append(range);
        return true;
    }

    /** The absolute offsets recorded in {@code metadata} for committed offset {@code base}; empty when there are none or it is not ours. */
    public static NavigableSet<Long> decode(long base, String metadata) {
        NavigableSet<Long> out = new TreeSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return out;
        }
        try {
            for (String range : metadata.substring(PREFIX.length()).split(",")) {
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
