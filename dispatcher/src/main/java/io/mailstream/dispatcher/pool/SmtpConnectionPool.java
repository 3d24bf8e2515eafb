package io.mailstream.dispatcher.pool;

import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP connections per destination (host, port), reused for many messages: at most
 * {@link PoolSettings#maxConnections()} open per destination (a sender waits for a free one), each
 * retired after {@link PoolSettings#maxMessagesPerConnection()} messages or
 * {@link PoolSettings#idleTimeout()} unused. A connection reconnects by itself when the server
 * dropped it or answered 421 ({@link io.mailstream.dispatcher.smtp.SmtpConnection}). Thread-safe.
 */
public final class SmtpConnectionPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmtpConnectionPool.class);

    private final PoolSettings settings;
    private final Function<SmtpRoute, MailTransport> connect;
    private final Clock clock;
    private final Map<SmtpRoute, Destination> destinations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public SmtpConnectionPool(PoolSettings settings, Function<SmtpRoute, MailTransport> connect, Clock clock) {
        this.settings = settings;
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
        final SmtpRoute route;
        final Semaphore permits = new Semaphore(settings.maxConnections(), true);
        final ArrayDeque<Pooled> idle = new ArrayDeque<>();
        int opened;

        Destination(SmtpRoute route) {
            this.route = route;
        }

        Pooled borrow() throws InterruptedException {
            permits.acquire();
            synchronized (this) {
                Pooled p = idle.pollFirst(); // most recently used first: keeps few connections warm
                if (p != null) {
                    return p;
                }
                opened++;
                if (opened == 1) {
                    log.info("opening the connection pool to {} (at most {} connections)", route, settings.maxConnections());
                }
            }
            return new Pooled(connect.apply(route), clock.instant());
        }

        void giveBack(Pooled p) {
            boolean retire = closed || p.messages >= settings.maxMessagesPerConnection();
            if (retire) {
                p.transport.close();
            } else {
                synchronized (this) {
                    idle.addFirst(p);
                }
            }
            permits.release();
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
    }

    /** Sends one message over a pooled connection to {@code route}; waits for a free connection if all are busy. */
    public DeliveryOutcome send(SmtpRoute route, RenderedMessage message) throws InterruptedException {
        Destination d = destinations.computeIfAbsent(route, Destination::new);
        Pooled p = d.borrow();
        try {
            return p.transport.send(message);
        } finally {
            p.messages++;
            p.lastUsed = clock.instant();
            d.giveBack(p);
        }
    }

    /** Closes connections unused for longer than the idle timeout; call now and then. */
    public void evictIdle() {
        Instant limit = clock.instant().minus(settings.idleTimeout());
        for (Destination d : destinations.values()) {
            List<Pooled> stale = d.takeIdleSince(limit);
            stale.forEach(p -> p.transport.close());
            if (!stale.isEmpty()) {
                log.debug("closed {} idle connections to {}", stale.size(), d.route);
            }
        }
    }

    /** Idle connections to {@code route} right now (for tests and health). */
    public int idleConnections(SmtpRoute route) {
        Destination d = destinations.get(route);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            return d.idle.size();
        }
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

    /** A {@link MailTransport} that sends everything to one route (a smart host) through this pool. */
    public MailTransport toRoute(SmtpRoute route) {
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage message) {
                try {
                    return SmtpConnectionPool.this.send(route, message);
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
