package io.mailstream.bounces.topology;

import java.time.Duration;

/**
 * How the bounce topology turns failures into suppressions.
 *
 * @param softBounceThreshold   soft bounces of one address within {@code softBounceWindow} that suppress it
 * @param softBounceWindow      how far back soft bounces are counted
 * @param softBounceSuppression how long a soft-bounce suppression lasts before its tombstone is written
 * @param expiryCheckInterval   how often (wall clock) expired suppressions are looked for
 */
public record TopologyConfig(int softBounceThreshold, Duration softBounceWindow, Duration softBounceSuppression,
                             Duration expiryCheckInterval) {

    public static final int DEFAULT_SOFT_BOUNCE_THRESHOLD = 3;
    public static final Duration DEFAULT_SOFT_BOUNCE_WINDOW = Duration.ofDays(7);
    public static final Duration DEFAULT_SOFT_BOUNCE_SUPPRESSION = Duration.ofDays(30);
    public static final Duration DEFAULT_EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);

    public TopologyConfig {
        if (softBounceThreshold < 1) {
            throw BounceConfigException.invalid("softBounceThreshold", "must be at least 1, was " + softBounceThreshold);
        }
        requirePositive("softBounceWindow", softBounceWindow);
        requirePositive("softBounceSuppression", softBounceSuppression);
        requirePositive("expiryCheckInterval", expiryCheckInterval);
    }

    public static TopologyConfig defaults() {
        return new TopologyConfig(DEFAULT_SOFT_BOUNCE_THRESHOLD, DEFAULT_SOFT_BOUNCE_WINDOW,
                DEFAULT_SOFT_BOUNCE_SUPPRESSION, DEFAULT_EXPIRY_CHECK_INTERVAL);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw BounceConfigException.invalid(key, "must be a positive duration, was " + d);
        }
    }
}
