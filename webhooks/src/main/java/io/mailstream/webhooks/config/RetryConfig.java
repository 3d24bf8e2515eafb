package io.mailstream.webhooks.config;

import java.time.Duration;

/**
 * Exponential backoff for 5xx, 408, 429, timeouts and connection errors: the n-th wait is
 * {@code initialBackoff * multiplier^(n-1)}, at most {@code maxBackoff}, jittered by up to
 * {@code jitter} (a share) so instances retrying one endpoint do not stay in step; after
 * {@code giveUpAfter} since the first attempt the batch goes to the dead letters.
 */
public record RetryConfig(Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
                          Duration giveUpAfter, Duration requestTimeout) {
    public static final RetryConfig DEFAULTS = new RetryConfig(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2,
            Duration.ofHours(24), Duration.ofSeconds(10));

    public RetryConfig {
        positive("initialBackoff", initialBackoff);
        positive("maxBackoff", maxBackoff);
        positive("giveUpAfter", giveUpAfter);
        positive("requestTimeout", requestTimeout);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff (" + initialBackoff + ")");
        }
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new IllegalArgumentException("multiplier must be 1.0..10.0, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be 0.0 or more and below 1.0, was " + jitter);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
