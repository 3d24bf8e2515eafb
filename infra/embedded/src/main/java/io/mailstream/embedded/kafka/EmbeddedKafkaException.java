package io.mailstream.embedded.kafka;

import io.mailstream.schemas.MailstreamException;
import java.nio.file.Path;

/** The in-process broker could not be formatted, started or stopped, or hit a fatal fault. */
public final class EmbeddedKafkaException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final transient Path logDir;

    private EmbeddedKafkaException(Path logDir, String message, Throwable cause) {
        super(message, cause);
        this.logDir = logDir;
    }

    public static EmbeddedKafkaException formatFailed(Path logDir, int exitCode, String output) {
        return new EmbeddedKafkaException(logDir,
                "formatting KRaft storage in " + logDir + " failed with code " + exitCode + ": " + output, null);
    }

    public static EmbeddedKafkaException startFailed(Path logDir, Throwable cause) {
        return new EmbeddedKafkaException(logDir,
                "embedded Kafka broker on " + logDir + " did not start: " + cause.getMessage(), cause);
    }

    public static EmbeddedKafkaException io(Path logDir, String what, Throwable cause) {
        return new EmbeddedKafkaException(logDir, what + " (" + logDir + "): " + cause.getMessage(), cause);
    }

    /** Kafka asked to exit or halt the JVM; we refuse and surface it as an exception instead. */
    public static EmbeddedKafkaException fatal(String procedure, int statusCode, String message) {
        return new EmbeddedKafkaException(null,
                "Kafka requested JVM " + procedure + " with status " + statusCode + (message == null ? "" : ": " + message),
                null);
    }

    /** The broker's log directory, or null when the failure is not tied to one. */
    public Path logDir() {
        return logDir;
    }
}
