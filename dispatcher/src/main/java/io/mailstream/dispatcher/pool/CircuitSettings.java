package io.mailstream.dispatcher.pool;

/**
 * When a destination host's circuit opens and how it probes: {@code circuit.*} everywhere, or
 * traffic policies' {@code breaker.*} for the hosts they match. Asked once per host, when its
 * breaker is first needed.
 */
@FunctionalInterface
public interface CircuitSettings {

    CircuitBreakerSettings settingsFor(PoolKey destination);

    /** The same settings for every host ({@code circuit.*}). */
    static CircuitSettings uniform(CircuitBreakerSettings settings) {
        return destination -> settings;
    }
}
