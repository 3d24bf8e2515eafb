package io.mailstream.dispatcher.pool;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Resilience4j circuit breaker per destination host ({@link PoolKey#host()}), on the injected
 * clock so that tests move time instead of sleeping. Replaces a plain "unreachable until" cache:
 * a breaker also lets a probe through after the wait and closes only when it succeeds.
 */
final class HostCircuits {
    private static final Logger log = LoggerFactory.getLogger(HostCircuits.class);

    private static final int MAX_REMEMBERED_HOSTS = 10_000;

    private final CircuitSettings settings;
    private final Clock clock;
    private final Map<CircuitBreakerSettings, CircuitBreakerConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    HostCircuits(CircuitSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    private CircuitBreakerConfig configOf(CircuitBreakerSettings s) {
        return configs.computeIfAbsent(s, k -> CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(k.slidingWindowSize())
                .minimumNumberOfCalls(k.minimumNumberOfCalls())
                .failureRateThreshold(k.failureRateThreshold())
                .waitDurationInOpenState(k.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(k.permittedCallsInHalfOpen())
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
    }

    /** The breaker of {@code destination}'s host ({@link PoolKey#host()}), with the settings its host is given. */
    CircuitBreaker forDestination(PoolKey destination) {
        return breakers.computeIfAbsent(destination.host(), h -> {
            CircuitBreaker b = CircuitBreaker.of(h, configOf(settings.settingsFor(destination)));
            // A state change is news worth one line; the calls in between are not.
            b.getEventPublisher().onStateTransition(e -> log.warn("circuit of {}: {}", h, e.getStateTransition()));
            return b;
        });
    }

    /**
     * Forgets closed breakers once there are many: direct MX delivery meets a long tail of hosts,
     * and a closed breaker's history is worth little. Open and half-open ones are kept.
     */
    void forgetClosed() {
        if (breakers.size() > MAX_REMEMBERED_HOSTS) {
            breakers.values().removeIf(b -> b.getState() == CircuitBreaker.State.CLOSED);
        }
    }

    CircuitState state(String host) {
        CircuitBreaker b = breakers.get(host);
        if (b == null) {
            return CircuitState.CLOSED;
        }
        return switch (b.getState()) {
            case OPEN, FORCED_OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            default -> CircuitState.CLOSED;
        };
    }
}
