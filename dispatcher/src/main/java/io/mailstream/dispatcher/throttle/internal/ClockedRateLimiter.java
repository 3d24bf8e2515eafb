package io.mailstream.dispatcher.throttle.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;
import io.github.resilience4j.ratelimiter.internal.RateLimiterEventProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A Resilience4j {@link RateLimiter} that reads time from an injected {@link Clock}, which
 * Resilience4j 2.3's own {@code AtomicRateLimiter} cannot (it calls {@code System.nanoTime()}), so
 * tests move time instead of sleeping. It never blocks: the timeout is always zero, and a caller
 * that is refused asks {@link #nanosUntilPermit()} when to come back (the dispatcher parks the
 * lane; it does not hold a thread). Thread-safe.
 */
public final class ClockedRateLimiter implements RateLimiter {
    private final String name;
    private final Clock clock;
    private final PermitSchedule schedule;
    private final Duration period;
    private final RateLimiterEventProcessor events = new RateLimiterEventProcessor();
    private volatile RateLimiterConfig config;

    private ClockedRateLimiter(String name, Clock clock, PermitSchedule schedule, int limit, Duration period) {
        this.name = name;
        this.clock = clock;
        this.schedule = schedule;
        this.period = period;
        this.config = config(limit);
    }

    /** {@code limit} permits per {@code period}, evenly spaced: never more than {@code limit} in any window of one period. */
    public static ClockedRateLimiter evenlySpaced(String name, int limit, Duration period, Clock clock) {
        return new ClockedRateLimiter(name, clock, new EvenSpacing(limit, period.toNanos()), limit, period);
    }

    /** At most {@code limit} permits in any sliding window of {@code window}; bursts allowed within it. */
    public static ClockedRateLimiter slidingWindow(String name, int limit, Duration window, Clock clock) {
        return new ClockedRateLimiter(name, clock, new SlidingWindow(limit, window.toNanos()), limit, window);
    }

    private RateLimiterConfig config(int limit) {
        return RateLimiterConfig.custom().limitForPeriod(limit).limitRefreshPeriod(period).timeoutDuration(Duration.ZERO).build();
    }

    private long now() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** Nanoseconds until {@link #acquirePermission()} could succeed; 0 if it would now. */
    public synchronized long nanosUntilPermit() {
        return schedule.nanosUntilFree(now());
    }

    /**
     * Spaces the next permit from {@code at} as if one had been granted then (evenly spaced limiters
     * only): a limiter of a partition just taken over cannot know when the previous owner granted its
     * last permit, which was no later than the hand-over.
     */
    public synchronized void assumeGrantedAt(Instant at) {
        schedule.assumeTakenAt(at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }

    /**
     * The permits a sliding window counts now, by the latest instant each may have been granted (empty
     * for an evenly spaced limiter): what a new owner of the key needs to go on counting the window.
     */
    public synchronized Map<Instant, Integer> countedPermits() {
        Map<Instant, Integer> out = new java.util.TreeMap<>();
        schedule.countedByGrant(now()).forEach((at, n) -> out.put(Instant.ofEpochSecond(0, at), n));
        return out;
    }

    /**
     * Counts the permits a previous owner of the key reported ({@link #countedPermits} of its limiter;
     * sliding windows only): this limiter then grants no more than its limit minus them until they
     * leave the window. A newer report of the same permits replaces the older one, it does not add to it.
     */
    public synchronized void adoptReported(Map<Instant, Integer> report) {
        Map<Long, Integer> nanos = new java.util.HashMap<>();
        report.forEach((at, n) -> nanos.merge(at.getEpochSecond() * 1_000_000_000L + at.getNano(), n, Integer::sum));
        schedule.adoptReported(nanos);
    }

    @Override
    public synchronized boolean acquirePermission(int permits) {
        requireOne(permits);
        long now = now();
        if (schedule.nanosUntilFree(now) > 0) {
            if (events.hasConsumers()) {
                events.consumeEvent(new RateLimiterOnFailureEvent(name, permits));
            }
            return false;
        }
        schedule.take(now);
        if (events.hasConsumers()) {
            events.consumeEvent(new RateLimiterOnSuccessEvent(name, permits));
        }
        return true;
    }

    /** Reserves a permit only if one is free now (timeout is zero): 0 on success, -1 otherwise. */
    @Override
    public long reservePermission(int permits) {
        return acquirePermission(permits) ? 0 : -1;
    }

    private static void requireOne(int permits) {
        if (permits != 1) {
            throw new IllegalArgumentException("one permit per message; asked for " + permits);
        }
    }

    @Override
    public void changeTimeoutDuration(Duration timeoutDuration) {
        if (!timeoutDuration.isZero()) {
            throw new UnsupportedOperationException(name + " never blocks a thread; ask nanosUntilPermit() instead of waiting");
        }
    }

    @Override
    public synchronized void changeLimitForPeriod(int limitForPeriod) {
        schedule.changeLimit(limitForPeriod);
        config = config(limitForPeriod);
    }

    /** Not supported: a throttled destination is suspended by the adaptive rate, not by emptying its budget. */
    @Override
    public void drainPermissions() {
        throw new UnsupportedOperationException("drainPermissions is not supported by " + name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public RateLimiterConfig getRateLimiterConfig() {
        return config;
    }

    @Override
    public Map<String, String> getTags() {
        return Map.of();
    }

    @Override
    public Metrics getMetrics() {
        return new Metrics() {
            @Override
            public int getNumberOfWaitingThreads() {
                return 0; // never blocks
            }

            @Override
            public int getAvailablePermissions() {
                synchronized (ClockedRateLimiter.this) {
                    return schedule.available(now());
                }
            }
        };
    }

    @Override
    public EventPublisher getEventPublisher() {
        return events;
    }
}
