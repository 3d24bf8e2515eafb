package io.mailstream.schemas.kafka;

import io.mailstream.schemas.MailstreamException;
import java.nio.file.Path;

/**
 * A Kafka client properties file ({@code --kafka-config} or {@code MAILSTREAM_KAFKA_CONFIG}) that
 * cannot be used. Carries the file and, where one is to blame, the line; messages never contain a
 * value, since values are often secrets.
 */
public final class KafkaConfigException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;

    private KafkaConfigException(Path file, int line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    static KafkaConfigException unreadable(Path file, Exception cause) {
        return new KafkaConfigException(file, 0, "cannot read the Kafka client config " + file + " ("
                + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); check the path given with "
                + KafkaClientSettings.OPTION + " or " + KafkaClientSettings.ENV_VAR + ", and that this user may read it", cause);
    }

    static KafkaConfigException atLine(Path file, int line, String problem) {
        return new KafkaConfigException(file, line, file + ":" + line + ": " + problem, null);
    }

    static KafkaConfigException registry(Path file, String problem) {
        return new KafkaConfigException(file, 0, "schema registry settings" + (file == null ? "" : " in " + file) + ": "
                + problem, null);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, 0 when the file as a whole is. */
    public int line() {
        return line;
    }
}
