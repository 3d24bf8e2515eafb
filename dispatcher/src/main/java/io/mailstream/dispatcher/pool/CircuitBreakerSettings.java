package io.mailstream.dispatcher.pool;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * When the circuit of one destination host opens and how it recovers. Only connection failures
 * count (refused, reset, timed out, TLS required but failed): an SMTP reply, even 4xx or 5xx, is
 * an answer and proves the host alive.
 *
 * @param failureRateThreshold     {@code circuit.failure-rate-threshold}: percentage of failed attempts in the window that opens the circuit
 * @param slidingWindowSize        {@code circuit.sliding-window-size}: number of last attempts per host looked at
 * @param minimumNumberOfCalls     {@code circuit.minimum-calls}: attempts needed before the rate is judged
 * @param waitInOpenState          {@code circuit.wait-in-open-state}: how long an open circuit defers mail before a probe
 * @param permittedCallsInHalfOpen {@code circuit.half-open-probes}: probe attempts let through after the wait
 */
public record CircuitBreakerSettings(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                     Duration waitInOpenState, int permittedCallsInHalfOpen) {
    public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50f;
    public static final int DEFAULT_SLIDING_WINDOW_SIZE = 10;
    public static final int DEFAULT_MINIMUM_CALLS = 5;
    public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(60);
    public static final int DEFAULT_HALF_OPEN_PROBES = 1;

    public CircuitBreakerSettings {
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            throw new InvalidConfigException("circuit.failure-rate-threshold", "must be in (0, 100], was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new InvalidConfigException("circuit.sliding-window-size", "must be at least 1, was " + slidingWindowSize);
        }
        if (minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize) {
            throw new InvalidConfigException("circuit.minimum-calls",
                    "must be in 1..circuit.sliding-window-size (" + slidingWindowSize + "), was " + minimumNumberOfCalls);
        }
        if (waitInOpenState == null || waitInOpenState.isNegative() || waitInOpenState.isZero()) {
            throw new InvalidConfigException("circuit.wait-in-open-state", "must be a positive duration, was " + waitInOpenState);
        }
        if (permittedCallsInHalfOpen < 1) {
            throw new InvalidConfigException("circuit.half-open-probes", "must be at least 1, was " + permittedCallsInHalfOpen);
        }
    }

    public static CircuitBreakerSettings defaults() {
        return new CircuitBreakerSettings(DEFAULT_FAILURE_RATE_THRESHOLD, DEFAULT_SLIDING_WINDOW_SIZE, DEFAULT_MINIMUM_CALLS,
                DEFAULT_WAIT_IN_OPEN_STATE, DEFAULT_HALF_OPEN_PROBES);
    }

    /** Opens after {@code failures} connection failures in a row, probes after {@code wait}. */
    public static CircuitBreakerSettings afterConsecutiveFailures(int failures, Duration wait) {
        return new CircuitBreakerSettings(100f, failures, failures, wait, DEFAULT_HALF_OPEN_PROBES);
    }
}
