package io.mailstream.dispatcher.policy;

import io.mailstream.dispatcher.pool.ConnectionLimits;
import io.mailstream.dispatcher.pool.PoolKey;
import java.util.List;

/**
 * The connection pool's bulkhead size per destination, from the traffic policies: a destination
 * host matched by an MX-suffix policy (one provider's shared MX farm) gets at most that policy's
 * {@code max-connections}, every other destination {@code pool.max-connections}. Domain-matched
 * policies are not consulted here: a pool destination is an MX host, which may serve many domains;
 * their limit is applied per domain by the pacing gate in front of the queues.
 */
public final class PolicyConnectionLimits implements ConnectionLimits {
    private final List<TrafficPolicy> policies;
    private final int poolMax;

    public PolicyConnectionLimits(List<TrafficPolicy> policies, int poolMax) {
        if (poolMax < 1) {
            throw new IllegalArgumentException("pool.max-connections must be at least 1, was " + poolMax);
        }
        this.policies = List.copyOf(policies);
        this.poolMax = poolMax;
    }

    @Override
    public int maxConnectionsFor(PoolKey destination) {
        List<String> host = List.of(destination.security().serverName()); // the MX name; route().host() may be one of its addresses
        for (TrafficPolicy p : policies) {
            if (p.matcher() instanceof PolicyMatcher.MxSuffix suffix && suffix.matchesAny(host)) {
                return Math.min(p.maxConnections(), poolMax);
            }
        }
        return poolMax;
    }
}
