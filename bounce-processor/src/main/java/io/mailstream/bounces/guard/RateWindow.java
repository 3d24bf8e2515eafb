package io.mailstream.bounces.guard;

import io.mailstream.bounces.stats.ProviderCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A campaign's running counts at one provider, sampled once per bucket ({@link #BUCKETS} per window,
 * event time), so the guard can judge the last window only: the counts now minus the newest sample
 * taken before the window began. The statistics are running totals that a late DSN can move, so
 * differences of totals, not a log of events, are what stays right. A sample is kept only while it
 * may still be that baseline, so the state is at most {@code BUCKETS + 2} samples per campaign and
 * provider.
 *
 * @param samples oldest first; each holds the totals as of the last update in its bucket
 */
public record RateWindow(List<Sample> samples) {
    /** Samples per window: the window judged reaches back at most one bucket further than configured. */
    public static final int BUCKETS = 60;

    /** The running totals as of the last update in the bucket starting at {@code bucketStartMillis}. */
    public record Sample(long bucketStartMillis, ProviderCounts counts) {
    }

    public RateWindow {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    public static RateWindow empty() {
        return new RateWindow(List.of());
    }

    /**
     * These samples with the totals {@code cumulative} as of {@code atMillis}, and without the samples
     * older than the baseline of that time. An update older than the newest sample (records of another
     * partition, read later) updates the newest sample: the totals only grow along the stream.
     */
    public RateWindow record(long atMillis, ProviderCounts cumulative, Duration window) {
        long size = bucketMillis(window);
        long bucket = Math.floorDiv(atMillis, size) * size;
        List<Sample> next = new ArrayList<>(samples);
        if (!next.isEmpty() && next.getLast().bucketStartMillis() >= bucket) {
            Sample last = next.removeLast();
            next.add(new Sample(last.bucketStartMillis(), cumulative));
        } else {
            next.add(new Sample(bucket, cumulative));
        }
        int baseline = baselineIndex(next, atMillis, window);
        return new RateWindow(baseline > 0 ? next.subList(baseline, next.size()) : next);
    }

    /** What was counted within {@code window} before {@code atMillis}: the newest totals minus the baseline's. */
    public ProviderCounts within(long atMillis, Duration window) {
        if (samples.isEmpty()) {
            return ProviderCounts.NONE;
        }
        int baseline = baselineIndex(samples, atMillis, window);
        ProviderCounts now = samples.getLast().counts();
        return baseline < 0 ? now : now.since(samples.get(baseline).counts());
    }

    /** The newest sample whose bucket ended by the window's start, or -1: everything counted is inside the window. */
    private static int baselineIndex(List<Sample> samples, long atMillis, Duration window) {
        long size = bucketMillis(window);
        long windowStart = atMillis - window.toMillis();
        int found = -1;
        for (int i = 0; i < samples.size() - 1; i++) {
            if (samples.get(i).bucketStartMillis() + size <= windowStart) {
                found = i;
            }
        }
        return found;
    }

    /** The length of one bucket of {@code window}: readers that sample as the guard does (the console) use the same. */
    public static long bucketMillis(Duration window) {
        return Math.max(1, window.toMillis() / BUCKETS);
    }
}
