package io.mailstream.dispatcher.throttle.internal;

/**
 * Permits spaced at least {@code period / limit} apart (rounded up), so any half-open window of one
 * period holds at most {@code limit} of them, whatever the window's start: a budget of 10 per second
 * is never 20 across a second boundary, as fixed windows allow. No bursts, which mailbox providers
 * prefer anyway.
 */
final class EvenSpacing implements PermitSchedule {
    private final long periodNanos;
    private long interval;
    private long lastGrant = Long.MIN_VALUE;

    EvenSpacing(int limit, long periodNanos) {
        this.periodNanos = periodNanos;
        changeLimit(limit);
    }

    @Override
    public long nanosUntilFree(long now) {
        if (lastGrant == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, lastGrant + interval - now);
    }

    @Override
    public void take(long now) {
        lastGrant = now;
    }

    @Override
    public void assumeTakenAt(long at) {
        lastGrant = Math.max(lastGrant, at);
    }

    @Override
    public int available(long now) {
        return nanosUntilFree(now) == 0 ? 1 : 0;
    }

    @Override
    public void changeLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        interval = (periodNanos + limit - 1) / limit;
    }
}
