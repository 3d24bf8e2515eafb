package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.throttle.internal.ClockedRateLimiter;
import io.mailstream.schemas.address.RoutingKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The Resilience4j rate limiters of one (sending pool, policy, domain shard): the shard's share
 * (1/n of the domain's budget) per second, evenly spaced and scaled by the domain's adaptive
 * factor, and per hour in a sliding window. Used by one lane at a time, so checking and then
 * acquiring needs no lock of its own.
 */
final class ShardLimits {
    private final TrafficPolicy policy;
    private final RoutingKey key;
    private final Optional<ClockedRateLimiter> perSecond;
    private final Optional<ClockedRateLimiter> perHour;
    private double appliedFactor = 1.0;
    private final int partition;
    private final String hourKey;
    // the hourly window's hand-over: when it was last reported, whether a permit came since, and the newest report adopted
    private volatile Instant reportedAt;
    private volatile boolean grantedSinceReport;
    private volatile Instant adoptedAt = Instant.MIN;

    ShardLimits(String pool, TrafficPolicy policy, RoutingKey key, Clock clock) {
        this(pool, policy, key, -1, clock);
    }

    /** @param partition the partition the key's mail is read from: taking it over restarts the spacing ({@link #takenOverAt}) */
    ShardLimits(String pool, TrafficPolicy policy, RoutingKey key, int partition, Clock clock) {
        this.partition = partition;
        this.hourKey = "hour|" + pool + "|" + policy.name() + "|" + key.asString();
        this.policy = policy;
        this.key = key;
        String name = pool + "/" + policy.name() + "/" + key.asString();
        int n = key.shardCount();
        // r per n seconds is exactly r/n per second, even when r < n.
        this.perSecond = policy.maxPerSecond().isPresent()
                ? Optional.of(ClockedRateLimiter.evenlySpaced(name + "/second", scaled(1.0),
                Duration.ofSeconds(n), clock)) : Optional.empty();
        this.perHour = policy.maxPerHour().isPresent() ? Optional.of(hourly(name + "/hour", policy.maxPerHour().getAsInt(), n, clock))
                : Optional.empty();
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

    /** Nanoseconds until both limiters would grant a permit, with the per-second rate scaled by the destination's adaptive {@code factor}. */
    long nanosUntilPermit(double factor) {
        if (factor != appliedFactor) {
            appliedFactor = factor;
            perSecond.ifPresent(l -> l.changeLimitForPeriod(scaled(factor)));
        }
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
        grantedSinceReport = perHour.isPresent();
    }

    /** Where the hourly window is kept for the next owner ({@link AdaptiveStateStore#hourReport}). */
    String hourKey() {
        return hourKey; // asked on every admit: built once
    }

    /**
     * Counts what another owner reported of this shard's hour, if newer than what was adopted: permits it
     * granted are not granted again here. Reports of the same owner replace each other per bucket.
     */
    void adopt(HourReport report) {
        if (perHour.isPresent() && report.reportedAt().isAfter(adoptedAt)) {
            adoptedAt = report.reportedAt();
            perHour.get().adoptReported(report.permits());
        }
    }

    /**
     * This shard's hour as {@code owner} counts it at {@code now}, when a permit was granted since the
     * last report and that report is at least {@code minInterval} old (zero: whenever a permit came since).
     */
    Optional<HourReport> hourReportDue(String owner, Instant now, Duration minInterval) {
        Instant last = reportedAt;
        if (perHour.isEmpty() || !grantedSinceReport || (last != null && now.isBefore(last.plus(minInterval)))) {
            return Optional.empty();
        }
        reportedAt = now;
        grantedSinceReport = false;
        return Optional.of(new HourReport(owner, now, perHour.get().countedPermits()));
    }

    String policyName() {
        return policy.name();
    }

    RoutingKey key() {
        return key;
    }

    int partition() {
        return partition;
    }

    /**
     * The key's partition changed hands at {@code at}: the previous owner may have granted a permit up
     * to then, so the next one here is spaced from it, as if this limiter had granted it. Without this
     * a new owner's fresh limiter grants at once, and one window can hold one permit too many.
     */
    void takenOverAt(java.time.Instant at) {
        perSecond.ifPresent(l -> l.assumeGrantedAt(at));
    }

    /** Whether forgetting this shard's limiters changes nothing: no wait pending and nothing counted in the hour. */
    boolean isIdle() {
        return perSecond.map(l -> l.nanosUntilPermit() == 0).orElse(true)
                && perHour.map(l -> l.getMetrics().getAvailablePermissions() == l.getRateLimiterConfig().getLimitForPeriod())
                .orElse(true);
    }

    boolean limitsHour() {
        return perHour.isPresent();
    }

    boolean limitsAnything() {
        return perSecond.isPresent() || perHour.isPresent();
    }

    Optional<ClockedRateLimiter> perSecond() {
        return perSecond;
    }
}
