package io.mailstream.dispatcher.pool;

/**
 * A read-only snapshot of one destination's connections, for metrics and health.
 *
 * @param destination    the pool key
 * @param maxConnections its bulkhead size
 * @param busy           connections sending right now
 * @param idle           open connections waiting for a message
 * @param circuit        state of the circuit breaker of the destination's host
 */
public record DestinationStats(PoolKey destination, int maxConnections, int busy, int idle, CircuitState circuit) {

    /** Open connections: busy plus idle. */
    public int open() {
        return busy + idle;
    }
}
