package io.mailstream.dispatcher.pool;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.mailstream.dispatcher.lane.MailLane;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP connections per destination ({@link PoolKey}: host, port, security, source address),
 * reused for many messages. Each destination has a Resilience4j {@link Bulkhead} of
 * {@link ConnectionLimits#maxConnectionsFor} connections (a sender waits up to
 * {@link PoolSettings#acquireTimeout()} for one), and each destination host a circuit breaker
 * that opens after repeated connection failures or timeouts, so that mail for a dead or stalled
 * host is deferred at once instead of holding workers for a connect or read timeout each.
 * Connections are retired after {@link PoolSettings#maxMessagesPerConnection()} messages or
 * {@link PoolSettings#idleTimeout()} unused, and reconnect by themselves when the server dropped
 * them or answered 421 ({@link io.mailstream.dispatcher.smtp.SmtpConnection}). Thread-safe.
 */
public final class SmtpConnectionPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private final PoolSettings settings;
    private final ConnectionLimits limits;
    private final HostCircuits circuits;
    private final Function<PoolKey, MailTransport> connect;
    private final Clock clock;
    private final Map<PoolKey, Destination> destinations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A pool with {@code pool.max-connections} per destination and default circuit breakers. */
    public SmtpConnectionPool(PoolSettings settings, Function<PoolKey, MailTransport> connect, Clock clock) {
        this(settings, ConnectionLimits.uniform(settings.maxConnections()), CircuitBreakerSettings.defaults(), connect, clock);
    }

    /**
     * @param limits   connections per destination (traffic policies may give some fewer)
     * @param circuits when a destination host's circuit opens; time comes from {@code clock}
     * @param connect  opens a (lazily connecting) transport for a destination
     */
    public SmtpConnectionPool(PoolSettings settings, ConnectionLimits limits, CircuitBreakerSettings circuits,
                              Function<PoolKey, MailTransport> connect, Clock clock) {
        this(settings, limits, CircuitSettings.uniform(circuits), connect, clock);
    }

    /** As above, with circuit-breaker settings per destination host (traffic policies). */
    public SmtpConnectionPool(PoolSettings settings, ConnectionLimits limits, CircuitSettings circuits,
                              Function<PoolKey, MailTransport> connect, Clock clock) {
        this.settings = settings;
        this.limits = limits;
        this.circuits = new HostCircuits(circuits, clock);
        this.connect = connect;
        this.clock = clock;
    }

    private static final class Pooled {
        final MailTransport transport;
        int messages;
        Instant lastUsed;

        Pooled(MailTransport transport, Instant now) {
            this.transport = transport;
            this.lastUsed = now;
        }
    }

    private final class Destination {
        final PoolKey key;
        final int maxConnections;
        final int maxMessagesPerConnection;
        final Bulkhead bulkhead;
        /** Campaign mail's share of {@link #bulkhead} (null: no reserve): what it leaves is the transactional lane's. */
        final Bulkhead campaignBulkhead;
        final ArrayDeque<Pooled> idle = new ArrayDeque<>();
        int busy;
        int opened;
        Instant lastUsed;
        boolean removed;

        Destination(PoolKey key) {
            this.key = key;
            int max = limits.maxConnectionsFor(key);
            if (max < 1) {
                throw new IllegalStateException("connection limit for " + key + " must be at least 1, was " + max);
            }
            this.maxConnections = max;
            this.maxMessagesPerConnection = limits.maxMessagesPerConnectionFor(key, settings.maxMessagesPerConnection());
            this.lastUsed = clock.instant();
            this.bulkhead = Bulkhead.of(key.toString(), BulkheadConfig.custom()
                    .maxConcurrentCalls(max)
                    .maxWaitDuration(settings.acquireTimeout())
                    .fairCallHandlingStrategyEnabled(true)
                    .writableStackTraceEnabled(false)
                    .build());
            int campaignMax = settings.campaignConnections(max);
            this.campaignBulkhead = campaignMax >= max ? null : Bulkhead.of(key + "/campaign", BulkheadConfig.custom()
                    .maxConcurrentCalls(campaignMax)
                    .maxWaitDuration(settings.acquireTimeout())
                    .fairCallHandlingStrategyEnabled(true)
                    .writableStackTraceEnabled(false)
                    .build());
        }

        /** Called with a bulkhead permit held; null when this destination was just dropped from the pool. */
        Pooled take() {
            synchronized (this) {
                if (removed) {
                    return null;
                }
                busy++;
                Pooled p = idle.pollFirst(); // most recently used first: keeps few connections warm
                if (p != null) {
                    return p;
                }
                opened++;
                if (opened == 1) {
                    log.info("opening the connection pool to {} (at most {} connections)", key, maxConnections);
                }
            }
            try {
                return new Pooled(connect.apply(key), clock.instant());
            } catch (RuntimeException e) {
                synchronized (this) {
                    busy--;
                }
                throw e;
            }
        }

        void giveBack(Pooled p) {
            boolean retire = closed || p.messages >= maxMessagesPerConnection;
            if (retire) {
                p.transport.close();
            }
            synchronized (this) {
                busy--;
                lastUsed = p.lastUsed;
                if (!retire) {
                    idle.addFirst(p);
                }
            }
        }

        /**
         * Marks the destination dropped if nothing uses it and it has not been used since
         * {@code limit}; a sender that already holds a reference then starts over with a new one.
         */
        synchronized boolean removeIfUnusedSince(Instant limit) {
            if (busy == 0 && idle.isEmpty() && lastUsed.isBefore(limit)
                    && bulkhead.getMetrics().getAvailableConcurrentCalls() == maxConnections) {
                removed = true;
            }
            return removed;
        }

        List<Pooled> takeIdleSince(Instant limit) {
            List<Pooled> out = new ArrayList<>();
            synchronized (this) {
                idle.removeIf(p -> {
                    if (limit == null || !p.lastUsed.isAfter(limit)) {
                        out.add(p);
                        return true;
                    }
                    return false;
                });
            }
            return out;
        }

        synchronized DestinationStats stats() {
            return new DestinationStats(key, maxConnections, busy, idle.size(), circuits.state(key.host()));
        }
    }

    /**
     * Sends one message over a pooled connection to {@code destination}, waiting for a free
     * connection if all are busy.
     *
     * @throws DestinationUnavailableException nothing was sent: the host's circuit is open, or no
     *                                         connection became free within the acquire timeout
     * @throws InterruptedException            interrupted while waiting for a connection
     */
    public DeliveryOutcome send(PoolKey destination, RenderedMessage message)
            throws DestinationUnavailableException, InterruptedException {
        while (true) {
            Destination d = destinations.computeIfAbsent(destination, Destination::new);
            Optional<DeliveryOutcome> outcome = send(d, message);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
    }

    /** Empty when {@code d} was dropped from the pool meanwhile (idle eviction): the caller starts over. */
    private Optional<DeliveryOutcome> send(Destination d, RenderedMessage message)
            throws DestinationUnavailableException, InterruptedException {
        PoolKey destination = d.key;
        CircuitBreaker circuit = circuits.forDestination(destination);
        if (!circuit.tryAcquirePermission()) {
            throw new DestinationUnavailableException.CircuitOpen(destination);
        }
        // Campaign mail first takes a permit of its share, so it can never hold the transactional reserve.
        Bulkhead share = d.campaignBulkhead != null && MailLane.current() == MailLane.CAMPAIGN ? d.campaignBulkhead : null;
        if (share != null && !share.tryAcquirePermission()) {
            circuit.releasePermission();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a connection to " + destination);
            }
            throw new DestinationUnavailableException.AllConnectionsBusy(destination, settings.campaignConnections(d.maxConnections),
                    settings.acquireTimeout());
        }
        if (!d.bulkhead.tryAcquirePermission()) {
            if (share != null) {
                share.onComplete();
            }
            circuit.releasePermission();
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for a connection to " + destination);
            }
            throw new DestinationUnavailableException.AllConnectionsBusy(destination, d.maxConnections, settings.acquireTimeout());
        }
        long start = System.nanoTime();
        boolean recorded = false;
        try {
            Pooled p = d.take();
            if (p == null) {
                return Optional.empty();
            }
            try {
                DeliveryOutcome outcome = p.transport.send(message);
                long took = System.nanoTime() - start;
                if (outcome instanceof DeliveryOutcome.Deferred deferred && deferred.smtpReply().isEmpty()) {
                    // No reply at all (refused, reset, timed out): the host, not the message, failed.
                    circuit.onError(took, TimeUnit.NANOSECONDS, new ConnectionFailure(deferred.reason()));
                } else {
                    circuit.onSuccess(took, TimeUnit.NANOSECONDS);
                }
                recorded = true;
                return Optional.of(outcome);
            } finally {
                p.messages++;
                p.lastUsed = clock.instant();
                d.giveBack(p);
            }
        } finally {
            if (!recorded) {
                circuit.releasePermission();
            }
            d.bulkhead.onComplete();
            if (share != null) {
                share.onComplete();
            }
        }
    }

    /** What a circuit breaker records for a connection failure; the outcome itself carries the details. */
    private static final class ConnectionFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ConnectionFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Closes connections unused for longer than the idle timeout, and forgets destinations with
     * no connection left (direct MX delivery meets many hosts once); call now and then.
     */
    public void evictIdle() {
        Instant limit = clock.instant().minus(settings.idleTimeout());
        for (Destination d : destinations.values()) {
            List<Pooled> stale = d.takeIdleSince(limit);
            stale.forEach(p -> p.transport.close());
            if (!stale.isEmpty()) {
                log.debug("closed {} idle connections to {}", stale.size(), d.key);
            }
            if (d.removeIfUnusedSince(limit)) {
                destinations.remove(d.key, d);
            }
        }
        circuits.forgetClosed();
    }

    /** Idle connections to {@code destination} right now (for tests and health). */
    public int idleConnections(PoolKey destination) {
        Destination d = destinations.get(destination);
        return d == null ? 0 : d.stats().idle();
    }

    /** Open (busy or idle) connections to {@code destination} right now; sending IP pools pick the least used source by it. */
    public int openConnections(PoolKey destination) {
        Destination d = destinations.get(destination);
        return d == null ? 0 : d.stats().open();
    }

    /** The circuit state of a destination host ({@link PoolKey#host()}). */
    public CircuitState circuitState(PoolKey destination) {
        return circuits.state(destination.host());
    }

    /** A snapshot of every destination this pool has sent to, in a stable order (for metrics). */
    public List<DestinationStats> stats() {
        List<DestinationStats> out = new ArrayList<>();
        destinations.values().forEach(d -> out.add(d.stats()));
        out.sort(Comparator.comparing(s -> s.destination().toString()));
        return out;
    }

    public PoolSettings settings() {
        return settings;
    }

    /** Closes idle connections; busy ones are closed as they are given back. */
    @Override
    public void close() {
        closed = true;
        for (Destination d : destinations.values()) {
            d.takeIdleSince(null).forEach(p -> p.transport.close());
        }
    }

    /** A {@link MailTransport} that sends everything to one route (a plain smart host) through this pool. */
    public MailTransport toRoute(SmtpRoute route) {
        PoolKey key = PoolKey.plain(route);
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage message) {
                try {
                    return SmtpConnectionPool.this.send(key, message);
                } catch (DestinationUnavailableException e) {
                    return DeliveryOutcome.Deferred.noReply(e.getMessage(), route.host());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DeliveryOutcome.Deferred.noReply("interrupted while waiting for a connection to " + route, route.host());
                }
            }

            @Override
            public void close() {
                SmtpConnectionPool.this.close();
            }
        };
    }
}
