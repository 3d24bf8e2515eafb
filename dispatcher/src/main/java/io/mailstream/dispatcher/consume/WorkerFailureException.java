package io.mailstream.dispatcher.consume;

/**
 * A record's outcome could not be written because of a bug or an {@link Error} on the delivery
 * worker's side, not because Kafka refused it. On the never-retry list ({@link WriteErrors}): the
 * same record would meet the same bug on every re-read, so it becomes a dead letter instead.
 */
final class WorkerFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WorkerFailureException(String where, Throwable cause) {
        super("delivery worker failed " + where + ": " + cause, cause);
    }

    /** {@code t} as a write failure: Kafka's own exceptions as they are (classified by {@link WriteErrors}), anything else wrapped. */
    static Throwable of(String where, Throwable t) {
        return t instanceof org.apache.kafka.common.KafkaException || t instanceof IllegalStateException
                ? t : new WorkerFailureException(where, t);
    }
}
