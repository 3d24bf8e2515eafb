package io.mailstream.producer.api.status;

/** The local copy of a table cannot be read now (the store is starting, rebalancing or stopped): answer 503. */
public final class StatusUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StatusUnavailableException(String storeName, Throwable cause) {
        super("the " + storeName + " store cannot be read now: " + cause.getMessage(), cause);
    }
}
