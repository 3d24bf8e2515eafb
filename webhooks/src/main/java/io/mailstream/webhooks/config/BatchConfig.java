package io.mailstream.webhooks.config;

import java.time.Duration;

/**
 * When a batch is posted: once it holds {@code maxEvents}, or once its oldest event waited {@code maxAge}.
 */
public record BatchConfig(int maxEvents, Duration maxAge) {
    public static final int MAX_EVENTS_LIMIT = 10_000;
    public static final BatchConfig DEFAULTS = new BatchConfig(100, Duration.ofSeconds(1));

    public BatchConfig {
        if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
            throw new IllegalArgumentException("maxEvents must be 1.." + MAX_EVENTS_LIMIT + ", was " + maxEvents);
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must be zero or positive, was " + maxAge);
        }
    }
}
