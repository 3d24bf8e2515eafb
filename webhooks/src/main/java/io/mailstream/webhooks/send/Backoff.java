package io.mailstream.webhooks.send;

import io.mailstream.webhooks.config.RetryConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/** The wait before the next attempt: exponential from {@code initialBackoff}, capped, jittered downwards. */
public final class Backoff {
    private final RetryConfig config;
    private final DoubleSupplier random;

    /** @param random values in [0, 1): jitter; tests pass a constant */
    public Backoff(RetryConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** The wait after the {@code failedAttempts}-th failure (1 = after the first attempt). */
    public Duration delay(int failedAttempts) {
        double base = config.initialBackoff().toMillis() * Math.pow(config.multiplier(), Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, config.maxBackoff().toMillis());
        // downwards only: the cap stays a cap, and instances retrying one endpoint drift apart
        double jittered = capped * (1.0 - config.jitter() * random.getAsDouble());
        return Duration.ofMillis(Math.max(1L, Math.round(jittered)));
    }
}
