package io.mailstream.dispatcher.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs with real time from {@code start} and that tests can move forward at once
 * ({@link #advance}), for tests where rate limits need time to pass but cool-offs and retry delays
 * should not be waited for.
 */
public final class ShiftableClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private volatile Duration shift = Duration.ZERO;

    public ShiftableClock(Instant start) {
        this.start = start;
    }

    public synchronized void advance(Duration d) {
        shift = shift.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(System.nanoTime() - startNanos).plus(shift);
    }
}
