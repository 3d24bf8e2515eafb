package io.mailstream.dispatcher.policy;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * Circuit-breaker settings of a policy, in Resilience4j's terms ({@code CircuitBreakerConfig}):
 * carried here, applied by the connection side per destination host.
 *
 * @param failureRateThreshold   percentage of failed calls (connection failures, timeouts) that opens the circuit
 * @param slidingWindowSize      calls looked at
 * @param minimumCalls           calls needed before the rate counts
 * @param openDuration           how long an open circuit stays open before probing
 * @param halfOpenProbes         calls let through while half-open
 */
public record BreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openDuration,
                              int halfOpenProbes) {
    public static final BreakerSettings DEFAULTS = new BreakerSettings(50f, 20, 10, Duration.ofSeconds(60), 3);

    /** Validates; {@code prefix} is the policy's key prefix (e.g. {@code policy.gmail.}) so errors name the key. */
    public static BreakerSettings validated(String prefix, float failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                            Duration openDuration, int halfOpenProbes) {
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new InvalidConfigException(prefix + "breaker.failure-rate-threshold", "must be in (0,100], was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new InvalidConfigException(prefix + "breaker.sliding-window-size", "must be at least 1, was " + slidingWindowSize);
        }
        if (minimumCalls < 1) {
            throw new InvalidConfigException(prefix + "breaker.minimum-calls", "must be at least 1, was " + minimumCalls);
        }
        if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
            throw new InvalidConfigException(prefix + "breaker.open-duration", "must be a positive duration, was " + openDuration);
        }
        if (halfOpenProbes < 1) {
            throw new InvalidConfigException(prefix + "breaker.half-open-probes", "must be at least 1, was " + halfOpenProbes);
        }
        return new BreakerSettings(failureRateThreshold, slidingWindowSize, minimumCalls, openDuration, halfOpenProbes);
    }
}
