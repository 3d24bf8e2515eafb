package io.mailstream.dispatcher.metrics;

import io.mailstream.dispatcher.pool.CircuitState;
import io.mailstream.dispatcher.pool.DestinationStats;
import io.mailstream.dispatcher.throttle.ThrottleState;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One destination's state at one moment, for {@link DestinationGauges}: a routing target of the
 * throttles (a recipient domain or {@code site:<name>}) or a host the pool connects to (its server
 * name), whichever this dispatcher knows it by.
 *
 * @param rateLimit       the rate in force now (after adaptive backoff), empty when not throttled below the policy
 * @param openConnections open SMTP connections to it (busy + idle), summed over the pool's keys of that host
 * @param maxConnections  their bulkhead sizes, summed
 * @param circuitOpen     whether a circuit breaker of the host is open (mail deferred without connecting)
 */
public record DestinationUsage(String destination, OptionalDouble rateLimit, int openConnections, int maxConnections,
                               boolean circuitOpen) {
    public DestinationUsage {
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("destination must not be blank");
        }
        if (openConnections < 0 || maxConnections < 0) {
            throw new IllegalArgumentException("connections must not be negative, were " + openConnections + "/" + maxConnections);
        }
    }

    /**
     * The pool's hosts and the throttles' non-normal routing targets, one row per name: a name known to both
     * (a smart host named like its site) gets the rate of the one and the connections of the other.
     */
    public static List<DestinationUsage> collect(Collection<DestinationStats> pool, Collection<ThrottleState> throttles) {
        Map<String, DestinationUsage> rows = new TreeMap<>();
        for (DestinationStats d : pool) {
            String host = d.destination().security().serverName().toLowerCase(java.util.Locale.ROOT);
            rows.merge(host, new DestinationUsage(host, OptionalDouble.empty(), d.open(), d.maxConnections(),
                    d.circuit() == CircuitState.OPEN), DestinationUsage::plus);
        }
        for (ThrottleState t : throttles) {
            rows.merge(t.domain(), new DestinationUsage(t.domain(), t.suspendedUntil().isPresent() ? OptionalDouble.of(0)
                    : t.ratePerSecond(), 0, 0, false), DestinationUsage::plus);
        }
        return List.copyOf(rows.values());
    }

    private DestinationUsage plus(DestinationUsage o) {
        return new DestinationUsage(destination, rateLimit.isPresent() ? rateLimit : o.rateLimit,
                openConnections + o.openConnections, maxConnections + o.maxConnections, circuitOpen || o.circuitOpen);
    }
}
