package io.mailstream.dispatcher.policy;

import io.mailstream.dispatcher.pool.CircuitBreakerSettings;
import io.mailstream.dispatcher.pool.CircuitSettings;
import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolKey;
import java.util.List;
import java.util.Optional;

/**
 * What the traffic policies say about one pool destination: a host matched by an MX-suffix policy
 * (one provider's shared MX farm) gets at most that policy's {@code max-connections} and
 * {@code max-messages-per-connection}, and its
 * {@code breaker.*} settings; every other destination {@code pool.max-connections} and
 * {@code circuit.*}. Domain-matched policies are not consulted here: a pool destination is an MX
 * host, which may serve many domains; their connection limit is applied per domain by the pacing
 * gate in front of the queues.
 */
public final class PolicyDestinations implements ConnectionLimits, CircuitSettings {
    private final List<TrafficPolicy> policies;
    private final int poolMax;
    private final CircuitBreakerSettings circuitDefaults;

    public PolicyDestinations(List<TrafficPolicy> policies, int poolMax, CircuitBreakerSettings circuitDefaults) {
        if (poolMax < 1) {
            throw new IllegalArgumentException("pool.max-connections must be at least 1, was " + poolMax);
        }
        this.policies = List.copyOf(policies);
        this.poolMax = poolMax;
        this.circuitDefaults = circuitDefaults;
    }

    @Override
    public int maxConnectionsFor(PoolKey destination) {
        return policyOf(destination).map(p -> Math.min(p.maxConnections(), poolMax)).orElse(poolMax);
    }

    @Override
    public int maxMessagesPerConnectionFor(PoolKey destination, int poolMax) {
        return policyOf(destination).map(p -> Math.min(p.maxMessagesPerConnection(), poolMax)).orElse(poolMax);
    }

    @Override
    public CircuitBreakerSettings settingsFor(PoolKey destination) {
        return policyOf(destination).map(p -> toCircuit(p.breaker())).orElse(circuitDefaults);
    }

    private Optional<TrafficPolicy> policyOf(PoolKey destination) {
        // the MX name: route().host() may be one of its addresses
        List<String> host = List.of(destination.security().serverName());
        for (TrafficPolicy p : policies) {
            if (p.matcher() instanceof PolicyMatcher.MxSuffix suffix && suffix.matchesAny(host)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static CircuitBreakerSettings toCircuit(BreakerSettings b) {
        return new CircuitBreakerSettings(b.failureRateThreshold(), b.slidingWindowSize(),
                Math.min(b.minimumCalls(), b.slidingWindowSize()), b.openDuration(), b.halfOpenProbes());
    }
}
