package io.mailstream.dispatcher.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers destinations that could not be reached (refused, timed out, TLS failed) for a while,
 * so that every message to a domain whose primary MX is down does not first wait out a connect
 * timeout against it; Postfix keeps a similar host status cache. Time comes from the injected
 * {@link Clock}.
 */
public final class UnreachableDestinations {
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);

    private final Clock clock;
    private final Duration retryAfter;
    private final Map<Destination, Instant> downUntil = new ConcurrentHashMap<>();

    public UnreachableDestinations(Clock clock, Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    public void markUnreachable(Destination d) {
        downUntil.put(d, clock.instant().plus(retryAfter));
    }

    public void markReachable(Destination d) {
        downUntil.remove(d);
    }

    public boolean isUnreachable(Destination d) {
        Instant until = downUntil.get(d);
        if (until == null) {
            return false;
        }
        if (!clock.instant().isBefore(until)) {
            downUntil.remove(d, until);
            return false;
        }
        return true;
    }
}
