package io.mailstream.dispatcher.pool;

/**
 * How many connections a destination may have open at once: the size of its
 * {@link SmtpConnectionPool} bulkhead. Asked once, when the pool first sends to the destination;
 * traffic policies (per MX suffix or domain) plug in here.
 */
@FunctionalInterface
public interface ConnectionLimits {

    int maxConnectionsFor(PoolKey destination);

    /**
     * Messages one connection to {@code destination} carries before it is retired; at most
     * {@code poolMax} ({@code pool.max-messages-per-connection}), which is the default.
     */
    default int maxMessagesPerConnectionFor(PoolKey destination, int poolMax) {
        return poolMax;
    }

    /** The same limit for every destination ({@code pool.max-connections}). */
    static ConnectionLimits uniform(int maxConnections) {
        return destination -> maxConnections;
    }
}
