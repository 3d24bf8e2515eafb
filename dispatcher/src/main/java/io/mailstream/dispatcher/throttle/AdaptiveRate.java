package io.mailstream.dispatcher.throttle;

import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.schemas.address.RouteTarget;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AIMD state of one destination (policy, routing target: a site, so a 421 from a provider slows
 * all its domains, or a domain routed by itself): a factor of the policy's rate, cut on slow-down
 * replies, raised step by step after runs of successes; a suspension after each cut. Each change is
 * logged once. Thread-safe.
 */
final class AdaptiveRate {
    private static final Logger log = LoggerFactory.getLogger(AdaptiveRate.class);

    private final TrafficPolicy policy;
    private final RouteTarget domain;
    private final AdaptiveSettings settings;
    private double factor = 1.0;
    private Instant suspendedUntil = Instant.MIN;
    private Instant updatedAt = Instant.MIN;
    private int streak;

    AdaptiveRate(TrafficPolicy policy, RouteTarget domain, AdaptiveSettings settings) {
        this.policy = policy;
        this.domain = domain;
        this.settings = settings;
    }

    synchronized void slowDown(Instant now, String reply) {
        streak = 0;
        updatedAt = now;
        double before = factor;
        factor = Math.max(settings.minimumFactor(), factor * settings.decreaseFactor());
        Instant until = now.plus(settings.coolOff());
        boolean newSuspension = !now.isBefore(suspendedUntil);
        if (until.isAfter(suspendedUntil)) {
            suspendedUntil = until;
        }
        if (factor != before || newSuspension) {
            log.warn("slowing down {} (policy {}): rate {} -> {} of the cap, suspended until {} after '{}'",
                    domain, policy.name(), percent(before), percent(factor), suspendedUntil, reply);
        }
    }

    /** @return whether the rate changed (a step up), so that the fleet's copy is written */
    synchronized boolean succeeded(Instant now) {
        if (factor >= 1.0) {
            return false;
        }
        if (++streak >= settings.increaseEvery()) {
            streak = 0;
            double before = factor;
            factor = Math.min(1.0, factor + settings.increaseStep());
            updatedAt = now;
            log.info("speeding up {} (policy {}): rate {} -> {} of the cap", domain, policy.name(), percent(before), percent(factor));
            return true;
        }
        return false;
    }

    /** The state as the fleet stores it. */
    synchronized SavedRate saved() {
        return new SavedRate(Math.max(factor, Double.MIN_NORMAL), suspendedUntil.isBefore(Instant.EPOCH) ? Instant.EPOCH
                : suspendedUntil, updatedAt);
    }

    /**
     * Takes the fleet's state when it is newer than this one: written by this destination's owner
     * before a restart or a partition move, or by the owner of another shard of the same site.
     */
    synchronized void adoptIfNewer(SavedRate saved) {
        if (!saved.updatedAt().isAfter(updatedAt)) {
            return;
        }
        if (saved.factor() != factor) {
            log.info("adopting the fleet's rate of {} (policy {}): {} -> {} of the cap, suspended until {}", domain,
                    policy.name(), percent(factor), percent(saved.factor()), saved.suspendedUntil());
        }
        factor = saved.factor();
        suspendedUntil = saved.suspendedUntil();
        updatedAt = saved.updatedAt();
        streak = 0;
    }

    synchronized Instant updatedAt() {
        return updatedAt;
    }

    synchronized Optional<Instant> suspendedAt(Instant now) {
        return now.isBefore(suspendedUntil) ? Optional.of(suspendedUntil) : Optional.empty();
    }

    synchronized double factor() {
        return factor;
    }

    synchronized boolean isNormal(Instant now) {
        return factor >= 1.0 && !now.isBefore(suspendedUntil);
    }

    synchronized ThrottleState state(Instant now) {
        OptionalDouble rate = policy.maxPerSecond().isPresent()
                ? OptionalDouble.of(policy.maxPerSecond().getAsInt() * factor) : OptionalDouble.empty();
        return new ThrottleState(policy.name(), domain.asKey(), factor, rate,
                now.isBefore(suspendedUntil) ? Optional.of(suspendedUntil) : Optional.empty());
    }

    private static String percent(double f) {
        return Math.round(f * 100) + "%";
    }
}
