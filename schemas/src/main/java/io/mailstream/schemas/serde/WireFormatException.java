package io.mailstream.schemas.serde;

import io.mailstream.schemas.MailstreamException;
import java.util.Optional;

/**
 * A value that cannot be read as a Confluent-framed Avro record: wrong magic byte, unknown schema
 * id, bytes that do not decode with the writer's schema. Never retried: such a record goes to the
 * dead-letter topic with its original bytes.
 */
public class WireFormatException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final Integer schemaId;

    public WireFormatException(String topic, Integer schemaId, String reason) {
        super(describe(topic, schemaId, reason));
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public WireFormatException(String topic, Integer schemaId, String reason, Throwable cause) {
        super(describe(topic, schemaId, reason), cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    private static String describe(String topic, Integer schemaId, String reason) {
        return "cannot deserialize record of topic " + topic + (schemaId == null ? "" : " with schema id " + schemaId)
                + ": " + reason;
    }

    public String topic() {
        return topic;
    }

    public Optional<Integer> schemaId() {
        return Optional.ofNullable(schemaId);
    }
}
