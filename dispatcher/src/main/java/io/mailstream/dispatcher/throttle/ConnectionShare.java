package io.mailstream.dispatcher.throttle;

import io.mailstream.schemas.address.RoutingKey;

/**
 * A routing-key shard's share of a policy's {@code max-connections}: shard i of n gets
 * {@code max / n}, plus one for the first {@code max % n} shards, so the shares add up to exactly
 * {@code max} across the fleet, each held by the shard's one owner. A shard always gets at least
 * one connection (it must be able to send): with more shards than connections the total is the
 * shard count, which the shard map should avoid.
 */
final class ConnectionShare {
    private ConnectionShare() {
    }

    static int of(int max, RoutingKey key) {
        int n = key.shardCount();
        int share = max / n + (key.shard() < max % n ? 1 : 0);
        return Math.max(1, share);
    }
}
