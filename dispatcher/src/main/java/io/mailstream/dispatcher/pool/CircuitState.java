package io.mailstream.dispatcher.pool;

/** The state of a destination host's circuit breaker, as reported in {@link DestinationStats}. */
public enum CircuitState {
    /** Connections go through; failures are counted. */
    CLOSED,
    /** Too many connection failures: mail to this host is deferred without connecting. */
    OPEN,
    /** The wait is over: a few probe connections decide whether to close or open again. */
    HALF_OPEN
}
