package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.internal.ClockedRateLimiter;
import io.mailstream.schemas.address.RoutingKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The Resilience4j rate limiters of one (sending pool, policy, domain shard): the shard's share
 * (1/n of the domain's budget) per second, evenly spaced and scaled by the domain's adaptive
 * factor, and per hour in a sliding window. Used by one lane at a time.
 */
final class ShardLimits {
    private final TrafficPolicy policy;
    private final RoutingKey key;
    private final AdaptiveRate adaptive;
    private final Optional<ClockedRateLimiter> perSecond;
    private final Optional<ClockedRateLimiter> perHour;
    private int seenGeneration;

    ShardLimits(String pool, TrafficPolicy policy, RoutingKey key, AdaptiveRate adaptive, Clock clock) {
        this.policy = policy;
        this.key = key;
        this.adaptive = adaptive;
        String name = pool + "/" + policy.name() + "/" + key.asString();
        int n = key.shardCount();
        // r per n seconds is exactly r/n per second, even when r < n.
        this.perSecond = policy.maxPerSecond().isPresent()
                ? Optional.of(ClockedRateLimiter.evenlySpaced(name + "/second", scaled(adaptive.factor()),
                Duration.ofSeconds(n), clock)) : Optional.empty();
        this.perHour = policy.maxPerHour().isPresent() ? Optional.of(hourly(name + "/hour", policy.maxPerHour().getAsInt(), n, clock))
                : Optional.empty();
        this.seenGeneration = adaptive.generation();
    }

    private static ClockedRateLimiter hourly(String name, int perHour, int shards, Clock clock) {
        if (perHour >= shards) {
            return ClockedRateLimiter.slidingWindow(name, perHour / shards, Duration.ofHours(1), clock);
        }
        // fewer messages per hour than shards: one per shard every ceil(n/h) hours
        return ClockedRateLimiter.slidingWindow(name, 1, Duration.ofHours((shards + perHour - 1) / perHour), clock);
    }

    private int scaled(double factor) {
        return Math.max(1, (int) Math.floor(policy.maxPerSecond().getAsInt() * factor));
    }

    private void followAdaptive() {
        int g = adaptive.generation();
        if (g != seenGeneration) {
            seenGeneration = g;
            perSecond.ifPresent(l -> l.changeLimitForPeriod(scaled(adaptive.factor())));
        }
    }

    /** Nanoseconds until both limiters would grant a permit. */
    long nanosUntilPermit() {
        followAdaptive();
        long wait = 0;
        if (perSecond.isPresent()) {
            wait = Math.max(wait, perSecond.get().nanosUntilPermit());
        }
        if (perHour.isPresent()) {
            wait = Math.max(wait, perHour.get().nanosUntilPermit());
        }
        return wait;
    }

    /** Takes a permit from each limiter; call right after {@link #nanosUntilPermit()} said 0. */
    void acquire() {
        boolean ok = perSecond.map(l -> l.acquirePermission()).orElse(true) & perHour.map(l -> l.acquirePermission()).orElse(true);
        if (!ok) {
            throw new IllegalStateException("rate limiter of " + key + " refused a permit it had promised");
        }
    }

    Optional<ClockedRateLimiter> perSecond() {
        return perSecond;
    }
}
