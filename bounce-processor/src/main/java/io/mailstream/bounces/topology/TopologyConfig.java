package io.mailstream.bounces.topology;

import io.mailstream.bounces.guard.GuardConfig;
import java.time.Duration;

/**
 * How the bounce topology turns failures into suppressions.
 *
 * @param softBounceThreshold   soft bounces of one address within {@code softBounceWindow} that suppress it
 * @param softBounceWindow      how far back soft bounces are counted
 * @param softBounceSuppression how long a soft-bounce suppression lasts before its tombstone is written
 * @param expiryCheckInterval   how often (wall clock) expired suppressions are looked for
 * @param pendingReportHold     how long a report about a message of which no delivery event is known yet is held
 *                              (its event may still be on its way) before it is counted as not applied
 * @param maxPendingReports     reports held at once per task; beyond that a report without a known delivery is
 *                              counted as not applied at once (a flood of forged ids cannot fill the disk)
 * @param pendingRecheckInterval how often (wall clock) the held reports are checked against the delivery events again
 * @param holdLowConfidenceHard  treat hard bounces of low confidence as soft until a second bounce of the
 *                              address within {@code softBounceWindow} confirms them (default true)
 * @param guard                 the campaign guard's lines (default {@link GuardConfig#defaults()})
 */
public record TopologyConfig(int softBounceThreshold, Duration softBounceWindow, Duration softBounceSuppression,
                             Duration expiryCheckInterval, Duration pendingReportHold, int maxPendingReports,
                             Duration pendingRecheckInterval, boolean holdLowConfidenceHard, GuardConfig guard) {

    public static final int DEFAULT_SOFT_BOUNCE_THRESHOLD = 3;
    public static final Duration DEFAULT_SOFT_BOUNCE_WINDOW = Duration.ofDays(7);
    public static final Duration DEFAULT_SOFT_BOUNCE_SUPPRESSION = Duration.ofDays(30);
    public static final Duration DEFAULT_EXPIRY_CHECK_INTERVAL = Duration.ofMinutes(1);
    /** Events are written right after the 250; a dispatcher stuck on Kafka for minutes is the case this waits for. */
    public static final Duration DEFAULT_PENDING_REPORT_HOLD = Duration.ofMinutes(15);
    public static final int DEFAULT_MAX_PENDING_REPORTS = 10_000;
    public static final Duration DEFAULT_PENDING_RECHECK_INTERVAL = Duration.ofSeconds(1);
    /** Suppressing a good address for ever costs more than one more bounce: hold weak hard bounces. */
    public static final boolean DEFAULT_HOLD_LOW_CONFIDENCE_HARD = true;

    public TopologyConfig {
        if (softBounceThreshold < 1) {
            throw BounceConfigException.invalid("softBounceThreshold", "must be at least 1, was " + softBounceThreshold);
        }
        requirePositive("softBounceWindow", softBounceWindow);
        requirePositive("softBounceSuppression", softBounceSuppression);
        requirePositive("expiryCheckInterval", expiryCheckInterval);
        requirePositive("pendingReportHold", pendingReportHold);
        if (maxPendingReports < 0) {
            throw BounceConfigException.invalid("maxPendingReports", "must be 0 (hold nothing) or more, was " + maxPendingReports);
        }
        requirePositive("pendingRecheckInterval", pendingRecheckInterval);
        if (guard == null) {
            throw BounceConfigException.invalid("guard", "is required (GuardConfig.defaults() or GuardConfig.off())");
        }
    }

    /** With the default campaign guard. */
    public TopologyConfig(int softBounceThreshold, Duration softBounceWindow, Duration softBounceSuppression,
                          Duration expiryCheckInterval, Duration pendingReportHold, int maxPendingReports,
                          Duration pendingRecheckInterval, boolean holdLowConfidenceHard) {
        this(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval, pendingReportHold,
                maxPendingReports, pendingRecheckInterval, holdLowConfidenceHard, GuardConfig.defaults());
    }

    /** With low-confidence hard bounces held until confirmed (the default). */
    public TopologyConfig(int softBounceThreshold, Duration softBounceWindow, Duration softBounceSuppression,
                          Duration expiryCheckInterval, Duration pendingReportHold, int maxPendingReports,
                          Duration pendingRecheckInterval) {
        this(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval, pendingReportHold,
                maxPendingReports, pendingRecheckInterval, DEFAULT_HOLD_LOW_CONFIDENCE_HARD);
    }

    /** The same settings with low-confidence hard bounces held ({@code true}) or suppressed at once. */
    public TopologyConfig withHoldLowConfidenceHard(boolean hold) {
        return new TopologyConfig(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval,
                pendingReportHold, maxPendingReports, pendingRecheckInterval, hold, guard);
    }

    /** The same settings with the campaign guard's lines {@code g}. */
    public TopologyConfig withGuard(GuardConfig g) {
        return new TopologyConfig(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval,
                pendingReportHold, maxPendingReports, pendingRecheckInterval, holdLowConfidenceHard, g);
    }

    /** With the default hold of reports that arrive before their delivery event. */
    public TopologyConfig(int softBounceThreshold, Duration softBounceWindow, Duration softBounceSuppression,
                          Duration expiryCheckInterval) {
        this(softBounceThreshold, softBounceWindow, softBounceSuppression, expiryCheckInterval,
                DEFAULT_PENDING_REPORT_HOLD, DEFAULT_MAX_PENDING_REPORTS, DEFAULT_PENDING_RECHECK_INTERVAL);
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
