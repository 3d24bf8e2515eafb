package io.mailstream.dispatcher.throttle.internal;

/**
 * At most {@code limit} permits in any window of {@code window} nanoseconds, counted in
 * {@value #BUCKETS} buckets: a bucket counts while any part of it lies inside the window, so the
 * count errs on the safe side (a permit may come up to one bucket, 1/60 of the window, later than
 * strictly needed, never earlier). Constant memory whatever the limit.
 */
final class SlidingWindow implements PermitSchedule {
    static final int BUCKETS = 60;
    private final long window;
    private final long width;
    private final long[] ids = new long[BUCKETS + 2];
    private final int[] counts = new int[BUCKETS + 2];
    // of counts, how many another owner reported (adoptReported): a later report of the bucket replaces them
    private final int[] adopted = new int[BUCKETS + 2];
    private int limit;

    SlidingWindow(int limit, long windowNanos) {
        this.window = windowNanos;
        this.width = Math.max(1, (windowNanos + BUCKETS - 1) / BUCKETS);
        java.util.Arrays.fill(ids, Long.MIN_VALUE);
        changeLimit(limit);
    }

    private long oldestCounted(long now) {
        return Math.floorDiv(now - window, width);
    }

    private int counted(long now) {
        long oldest = oldestCounted(now);
        int total = 0;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != Long.MIN_VALUE && ids[i] >= oldest) {
                total += counts[i];
            }
        }
        return total;
    }

    @Override
    public long nanosUntilFree(long now) {
        int total = counted(now);
        if (total < limit) {
            return 0;
        }
        long oldest = oldestCounted(now);
        long current = Math.floorDiv(now, width);
        for (long id = oldest; id <= current; id++) {
            int slot = (int) Math.floorMod(id, (long) ids.length);
            if (ids[slot] == id) {
                total -= counts[slot];
                if (total < limit) {
                    // bucket `id` stops counting once (id + 1) * width <= t - window
                    return (id + 1) * width + window - now;
                }
            }
        }
        return window; // unreachable while limit >= 1; a whole window is always enough
    }

    @Override
    public void take(long now) {
        long id = Math.floorDiv(now, width);
        int slot = (int) Math.floorMod(id, (long) ids.length);
        if (ids[slot] != id) {
            ids[slot] = id;
            counts[slot] = 0;
            adopted[slot] = 0;
        }
        counts[slot]++;
    }

    @Override
    public java.util.Map<Long, Integer> countedByGrant(long now) {
        long oldest = oldestCounted(now);
        java.util.Map<Long, Integer> out = new java.util.TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != Long.MIN_VALUE && ids[i] >= oldest && counts[i] > 0) {
                // the bucket's last instant, or now for the current one: never earlier than a grant in it
                out.merge(Math.min(now, (ids[i] + 1) * width - 1), counts[i], Integer::sum);
            }
        }
        return out;
    }

    @Override
    public void adoptReported(java.util.Map<Long, Integer> report) {
        java.util.Map<Long, Integer> byBucket = new java.util.HashMap<>();
        report.forEach((at, n) -> byBucket.merge(Math.floorDiv(at, width), n, Integer::sum));
        byBucket.forEach((id, n) -> {
            int slot = (int) Math.floorMod(id, (long) ids.length);
            if (ids[slot] > id) {
                return; // older than anything this window still counts
            }
            if (ids[slot] != id) {
                ids[slot] = id;
                counts[slot] = 0;
                adopted[slot] = 0;
            }
            // reports are snapshots: a newer one of a bucket replaces the older, it does not add to it
            if (n > adopted[slot]) {
                counts[slot] += n - adopted[slot];
                adopted[slot] = n;
            }
        });
    }

    @Override
    public int available(long now) {
        return Math.max(0, limit - counted(now));
    }

    @Override
    public void changeLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }
}
