package io.mailstream.schemas.registry;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API the pipeline needs. Subjects follow
 * TopicNameStrategy ({@code <topic>-value}, {@code <topic>-key}); ids are global.
 */
public interface SchemaRegistry {

    /** Registers (or finds) {@code schema} under {@code subject} and returns its global id. */
    int register(String subject, Schema schema);

    /**
     * The schema with this id; {@link UnknownSchemaIdException} if the registry has none,
     * {@link NotAvroSchemaException} if it is a JSON Schema or Protobuf one.
     */
    Schema schemaById(int id);

    /** Whether {@code schema} may be registered as the next version of {@code subject}. */
    boolean isCompatible(String subject, Schema schema);

    /** The latest version under {@code subject}, if any. */
    Optional<RegisteredSchema> latest(String subject);

    static String valueSubject(String topic) {
        return topic + "-value";
    }

    static String keySubject(String topic) {
        return topic + "-key";
    }
}
