package io.mailstream.dispatcher.lane;

import io.mailstream.dispatcher.InvalidConfigException;

/**
 * The reserved lane of transactional mail (issue 14; DESIGN: "Transactional mail has a reserved lane").
 * The reserved share of each destination's connections is {@code pool.transactional-connections}
 * ({@code PoolSettings}). Campaign mail can never occupy what is reserved here; transactional mail also goes first on the
 * shared workers and connections, so it borrows campaign capacity that is idle.
 *
 * @param reservedWorkers     {@code lane.transactional.workers}: delivery workers, on top of {@code delivery.workers},
 *                            that take transactional mail only (0..1000)
 * @param maxBuffered         {@code lane.transactional.max-buffered}: transactional records in memory at most (its
 *                            topics are paused at this many, resumed at half); campaign back-pressure never pauses them
 */
public record LaneSettings(int reservedWorkers, int maxBuffered) {
    public static final int DEFAULT_RESERVED_WORKERS = 2;
    public static final int DEFAULT_MAX_BUFFERED = 1000;

    public LaneSettings {
        if (reservedWorkers < 0 || reservedWorkers > 1000) {
            throw new InvalidConfigException("lane.transactional.workers", "must be in 0..1000, was " + reservedWorkers);
        }
        if (maxBuffered < 1) {
            throw new InvalidConfigException("lane.transactional.max-buffered", "must be at least 1, was " + maxBuffered);
        }
    }

    public static LaneSettings defaults() {
        return new LaneSettings(DEFAULT_RESERVED_WORKERS, DEFAULT_MAX_BUFFERED);
    }
}
