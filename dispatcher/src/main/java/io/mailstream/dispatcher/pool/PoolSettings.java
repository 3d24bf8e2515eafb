package io.mailstream.dispatcher.pool;

import io.mailstream.dispatcher.InvalidConfigException;
import java.time.Duration;

/**
 * Limits of the SMTP connections to one destination ({@link PoolKey}: host, port, security, source address).
 *
 * @param maxConnections           {@code pool.max-connections}: open connections per destination at most
 * @param maxMessagesPerConnection {@code pool.max-messages-per-connection}: a connection is closed (QUIT) after this many messages
 * @param idleTimeout              {@code pool.idle-timeout}: an unused connection is closed after this long
 * @param acquireTimeout           {@code pool.acquire-timeout}: how long a sender waits for a free connection
 *                                 before the message is deferred
 * @param transactionalConnections {@code pool.transactional-connections}: of each destination's connections, how many
 *                                 campaign mail may never hold, kept for the transactional lane (issue 14); transactional
 *                                 mail may use all of them. A destination allowing no more than this leaves campaign mail one
 */
public record PoolSettings(int maxConnections, int maxMessagesPerConnection, Duration idleTimeout, Duration acquireTimeout,
                           int transactionalConnections) {
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** A bound on a configuration mistake, not a resource: connections wait on virtual threads. */
    public static final int MAX_CONNECTIONS = 20_000;
    public static final int DEFAULT_MAX_MESSAGES_PER_CONNECTION = 1000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_TRANSACTIONAL_CONNECTIONS = 1;

    public PoolSettings {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new InvalidConfigException("pool.max-connections", "must be in 1.." + MAX_CONNECTIONS + ", was " + maxConnections);
        }
        if (maxMessagesPerConnection < 1) {
            throw new InvalidConfigException("pool.max-messages-per-connection", "must be at least 1, was " + maxMessagesPerConnection);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new InvalidConfigException("pool.idle-timeout", "must be a positive duration, was " + idleTimeout);
        }
        if (acquireTimeout == null || acquireTimeout.isNegative() || acquireTimeout.isZero()) {
            throw new InvalidConfigException("pool.acquire-timeout", "must be a positive duration, was " + acquireTimeout);
        }
        if (transactionalConnections < 0 || transactionalConnections > 100) {
            throw new InvalidConfigException("pool.transactional-connections", "must be in 0..100, was " + transactionalConnections);
        }
    }

    /** Reserving no connections for transactional mail (campaign-only tests and benches). */
    public PoolSettings(int maxConnections, int maxMessagesPerConnection, Duration idleTimeout, Duration acquireTimeout) {
        this(maxConnections, maxMessagesPerConnection, idleTimeout, acquireTimeout, 0);
    }

    /** Connections of a destination allowing {@code max} that campaign mail may hold: never fewer than one. */
    public int campaignConnections(int max) {
        return Math.max(1, max - transactionalConnections);
    }

    /** With the default {@code pool.acquire-timeout}, reserving no connections for transactional mail. */
    public PoolSettings(int maxConnections, int maxMessagesPerConnection, Duration idleTimeout) {
        this(maxConnections, maxMessagesPerConnection, idleTimeout, DEFAULT_ACQUIRE_TIMEOUT);
    }

    public static PoolSettings defaults() {
        return new PoolSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_MESSAGES_PER_CONNECTION, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_TRANSACTIONAL_CONNECTIONS);
    }
}
