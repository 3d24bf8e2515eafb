package io.mailstream.dispatcher.lane;

import io.mailstream.dispatcher.InvalidConfigException;

/**
 * The reserved lane of transactional mail (issue 14; DESIGN: "Transactional mail has a reserved lane").
 * Campaign mail can never occupy what is reserved here; transactional mail also goes first on the
 * shared workers and connections, so it borrows campaign capacity that is idle.
 *
 * @param reservedWorkers     {@code lane.transactional.workers}: delivery workers, on top of {@code delivery.workers},
 *                            that take transactional mail only (0..1000)
 * @param reservedConnections {@code lane.transactional.connections}: of each destination's connections, how many
 *                            campaign mail may not use (0..100); a destination with no more connections than this still
 *                            leaves campaign mail one
 * @param maxBuffered         {@code lane.transactional.max-buffered}: transactional records in memory at most (its
 *                            topics are paused at this many, resumed at half); campaign back-pressure never pauses them
 */
public record LaneSettings(int reservedWorkers, int reservedConnections, int maxBuffered) {
    public static final int DEFAULT_RESERVED_WORKERS = 2;
    public static final int DEFAULT_RESERVED_CONNECTIONS = 1;
    public static final int DEFAULT_MAX_BUFFERED = 1000;

    public LaneSettings {
        if (reservedWorkers < 0 || reservedWorkers > 1000) {
            throw new InvalidConfigException("lane.transactional.workers", "must be in 0..1000, was " + reservedWorkers);
        }
        if (reservedConnections < 0 || reservedConnections > 100) {
            throw new InvalidConfigException("lane.transactional.connections", "must be in 0..100, was " + reservedConnections);
        }
        if (maxBuffered < 1) {
            throw new InvalidConfigException("lane.transactional.max-buffered", "must be at least 1, was " + maxBuffered);
        }
    }

    public static LaneSettings defaults() {
        return new LaneSettings(DEFAULT_RESERVED_WORKERS, DEFAULT_RESERVED_CONNECTIONS, DEFAULT_MAX_BUFFERED);
    }

    /** Connections of a destination allowing {@code max} that campaign mail may hold: never fewer than one. */
    public int campaignConnections(int max) {
        return Math.max(1, max - reservedConnections);
    }
}
