package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.SchemaRegistryException;
import java.util.Locale;

/**
 * Confluent's {@code schemaType}. Only Avro schemas are parsed, compared and checked for
 * compatibility; JSON Schema and Protobuf ones are stored as their text and served back, so that a
 * client serializing with them (and a consumer that must recognise their framing as not Avro) sees
 * what Confluent's registry would answer.
 */
public enum SchemaType {
    AVRO, JSON, PROTOBUF;

    /** @throws SchemaRegistryException 42201 for any other name */
    public static SchemaType parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SchemaRegistryException.invalidSchema("unknown schemaType " + name + " (AVRO, JSON or PROTOBUF)");
        }
    }
}
