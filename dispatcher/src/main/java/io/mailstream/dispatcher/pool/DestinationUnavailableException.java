package io.mailstream.dispatcher.pool;

/**
 * The pool did not try to send to a destination, so the message is untouched and may go to the
 * next MX host or be deferred. Never a reason to bounce.
 */
public abstract sealed class DestinationUnavailableException extends Exception
        permits DestinationUnavailableException.CircuitOpen, DestinationUnavailableException.AllConnectionsBusy {
    private static final long serialVersionUID = 1L;

    private final transient PoolKey destination;

    DestinationUnavailableException(PoolKey destination, String message) {
        super(message, null, false, false);
        this.destination = destination;
    }

    public PoolKey destination() {
        return destination;
    }

    /** The destination host's circuit is open: it failed to connect repeatedly and is left alone for a while. */
    public static final class CircuitOpen extends DestinationUnavailableException {
        private static final long serialVersionUID = 1L;

        CircuitOpen(PoolKey destination) {
            super(destination, "circuit open for " + destination.host() + " after repeated connection failures; not connecting");
        }
    }

    /** Every connection the destination may have was busy for the whole acquire timeout. */
    public static final class AllConnectionsBusy extends DestinationUnavailableException {
        private static final long serialVersionUID = 1L;

        AllConnectionsBusy(PoolKey destination, int maxConnections, java.time.Duration waited) {
            super(destination, "all " + maxConnections + " connections to " + destination + " stayed busy for " + waited);
        }
    }
}
