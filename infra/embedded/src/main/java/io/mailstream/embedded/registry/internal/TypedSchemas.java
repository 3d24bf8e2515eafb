package io.mailstream.embedded.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.embedded.registry.SchemaRegistryException;

/** The identity a schema of any type is given an id by: Avro's ({@link AvroSchemas}), or the type and the text for the others. */
final class TypedSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TypedSchemas() {
    }

    /**
     * Validates the schema as far as this registry understands its type and returns its identity:
     * two schemas with one identity share an id. A JSON Schema must be JSON; a Protobuf schema is
     * taken as text (this registry has no Protobuf parser), so it must only be non-blank.
     *
     * @throws SchemaRegistryException 42201 for an invalid schema
     */
    static String identity(SchemaInput in, boolean normalize) {
        if (in.text() == null || in.text().isBlank()) {
            throw SchemaRegistryException.invalidSchema("schema is empty");
        }
        return switch (in.type()) {
            case AVRO -> AvroSchemas.text(AvroSchemas.parse(in.text()), normalize);
            case JSON -> {
                try {
                    // the type prefix keeps a JSON Schema apart from an Avro schema of the same text
                    yield "JSON\n" + JSON.readTree(in.text()).toString();
                } catch (JsonProcessingException e) {
                    throw SchemaRegistryException.invalidSchema("JSON schema is not JSON: " + e.getOriginalMessage());
                }
            }
            case PROTOBUF -> "PROTOBUF\n" + in.text().strip();
        };
    }

    /** The text stored in the log for a schema: Avro's rendering for Avro, the client's text otherwise. */
    static String stored(SchemaInput in, boolean normalize) {
        return in.type() == SchemaType.AVRO ? identity(in, normalize) : in.text();
    }
}
