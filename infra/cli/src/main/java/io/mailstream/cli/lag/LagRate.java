package io.mailstream.cli.lag;

import java.time.Duration;
import java.util.Optional;

/**
 * How one group's total lag moved between two samples.
 *
 * @param group         consumer group id
 * @param previousLag   total lag at the earlier sample
 * @param currentLag    total lag at the later sample
 * @param elapsed       time between the samples (positive)
 * @param perSecond     records per second the lag changed by: negative while it drains, positive while it grows
 * @param timeToDrain   at this rate, how long until the lag is zero: zero if it already is, empty if
 *                      the lag is not shrinking
 */
public record LagRate(String group, long previousLag, long currentLag, Duration elapsed, double perSecond,
                      Optional<Duration> timeToDrain) {
    public LagRate {
        if (group == null || elapsed == null || timeToDrain == null) {
            throw new IllegalArgumentException("group, elapsed and timeToDrain are required");
        }
        if (elapsed.isNegative() || elapsed.isZero()) {
            throw new IllegalArgumentException("elapsed must be positive, was " + elapsed);
        }
    }

    /** Which way the lag went. */
    public enum Direction { DRAINING, GROWING, STEADY }

    public Direction direction() {
        return perSecond < 0 ? Direction.DRAINING : perSecond > 0 ? Direction.GROWING : Direction.STEADY;
    }
}
