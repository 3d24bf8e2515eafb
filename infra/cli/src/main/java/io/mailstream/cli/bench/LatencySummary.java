package io.mailstream.cli.bench;

import java.util.Arrays;

/** Percentiles of a set of latencies (nearest rank), in milliseconds. */
record LatencySummary(int count, long p50Millis, long p99Millis, long maxMillis) {
    static final LatencySummary EMPTY = new LatencySummary(0, -1, -1, -1);

    static LatencySummary of(long[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest value with at least {@code q} of all values at or below it. */
    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
