package io.mailstream.console.state;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finished messages per second over the last {@link #SECONDS} seconds, in a ring of one-second
 * buckets: what the campaign chart draws and what the ETA divides by. Not thread-safe: its owner
 * ({@link PipelineState}) guards it.
 */
final class RateSeries {
    static final int SECONDS = 600;
    /** The window the current rate is averaged over: long enough to smooth a dispatcher's batches. */
    static final int RATE_WINDOW = 10;

    private final long[] counts = new long[SECONDS];
    private long newestSecond = Long.MIN_VALUE;

    void add(Instant at, long n) {
        long second = at.getEpochSecond();
        advanceTo(second);
        if (second <= newestSecond - SECONDS) {
            return; // older than the window: counted in the totals, not drawn
        }
        counts[(int) Math.floorMod(second, SECONDS)] += n;
    }

    private void advanceTo(long second) {
        if (newestSecond == Long.MIN_VALUE) {
            newestSecond = second;
            return;
        }
        if (second <= newestSecond) {
            return;
        }
        long steps = Math.min(SECONDS, second - newestSecond);
        for (long s = 1; s <= steps; s++) {
            counts[(int) Math.floorMod(newestSecond + s, SECONDS)] = 0;
        }
        newestSecond = second;
    }

    /** Messages per second averaged over the {@link #RATE_WINDOW} seconds before {@code now}. */
    double rate(Instant now) {
        advanceTo(now.getEpochSecond());
        long sum = 0;
        for (int s = 1; s <= RATE_WINDOW; s++) {
            sum += counts[(int) Math.floorMod(newestSecond - s, SECONDS)];
        }
        return sum / (double) RATE_WINDOW;
    }

    /** {@code [epochSecond, count]} points of the last {@code seconds} seconds before {@code now}, oldest first. */
    List<long[]> points(Instant now, int seconds) {
        advanceTo(now.getEpochSecond());
        int n = Math.min(seconds, SECONDS - 1);
        List<long[]> out = new ArrayList<>(n);
        for (int s = n; s >= 1; s--) {
            long second = newestSecond - s;
            out.add(new long[] {second, counts[(int) Math.floorMod(second, SECONDS)]});
        }
        return out;
    }
}
