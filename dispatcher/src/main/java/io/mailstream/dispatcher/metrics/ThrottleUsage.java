package io.mailstream.dispatcher.metrics;

/**
 * One traffic policy's throttle at one moment, read by {@link DispatcherMetrics#bindThrottles}.
 *
 * @param ratePerSecond the current allowed rate (after adaptive backoff)
 * @param capPerSecond  the policy's configured maximum
 * @param suspended     true while the policy is in a cool-off after "slow down" replies
 */
public record ThrottleUsage(double ratePerSecond, double capPerSecond, boolean suspended) {
}
