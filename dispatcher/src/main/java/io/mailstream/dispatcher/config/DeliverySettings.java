package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.retry.RetryPolicy;
import java.time.Duration;

/**
 * The consume engine's settings in one validated value: workers and buffers ({@link EngineSettings}),
 * SMTP connection pools ({@link PoolSettings}) and the maximum age of deferred mail
 * ({@code retry.max-age}, default 3 days).
 */
public record DeliverySettings(EngineSettings engine, PoolSettings pool, Duration retryMaxAge) {
    public DeliverySettings {
        if (engine == null || pool == null) {
            throw new InvalidConfigException("delivery.workers", "engine and pool settings are required");
        }
        if (retryMaxAge == null || retryMaxAge.isNegative() || retryMaxAge.isZero()) {
            throw new InvalidConfigException("retry.max-age", "must be a positive duration, was " + retryMaxAge);
        }
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(EngineSettings.defaults(), PoolSettings.defaults(), RetryPolicy.DEFAULT_MAX_AGE);
    }

    public DeliverySettings withEngine(EngineSettings e) {
        return new DeliverySettings(e, pool, retryMaxAge);
    }

    public DeliverySettings withPool(PoolSettings p) {
        return new DeliverySettings(engine, p, retryMaxAge);
    }

    public DeliverySettings withRetryMaxAge(Duration d) {
        return new DeliverySettings(engine, pool, d);
    }
}
