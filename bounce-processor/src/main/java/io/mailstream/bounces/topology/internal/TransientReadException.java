package io.mailstream.bounces.topology.internal;

/**
 * A record could not be decoded for a reason that passes (the schema registry unreachable): it must
 * be read again, never dead-lettered or skipped. {@link RetryTransientProcessingExceptionHandler}
 * fails the stream thread on it, so the record is processed again from the last commit.
 */
public final class TransientReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final long offset;

    public TransientReadException(String topic, int partition, long offset, Throwable cause) {
        super("cannot decode " + topic + "-" + partition + "@" + offset + " now (" + cause.getMessage() + "); it will be read again", cause);
        this.topic = topic;
        this.offset = offset;
    }

    public String topic() {
        return topic;
    }

    public long offset() {
        return offset;
    }
}
