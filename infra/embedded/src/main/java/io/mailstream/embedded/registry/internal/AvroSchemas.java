package io.mailstream.embedded.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.embedded.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Parsing, identity and compatibility of Avro schemas, as the registry needs them. */
public final class AvroSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AvroSchemas() {
    }

    /**
     * @throws SchemaRegistryException 42201 if the text is not a valid Avro schema
     */
    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidSchema("schema is empty");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema(e.getMessage());
        }
    }

    /**
     * The text a schema is stored, compared and given an id by, as Confluent's registry does: Avro's
     * own rendering of the parsed schema. Whitespace and the order of JSON attributes do not count;
     * everything Avro keeps does ({@code logicalType}, {@code default}, {@code doc}, aliases,
     * custom properties), so a {@code long} and a {@code timestamp-millis} field are two schemas.
     * (Avro's parsing canonical form drops all of those and would merge them.)
     */
    public static String identity(Schema schema) {
        return schema.toString();
    }

    /**
     * The text under {@code ?normalize=true}: {@link #identity} without {@code doc} attributes, so
     * that schemas differing only in documentation are one schema. Types, defaults, logical types,
     * aliases and custom properties still count.
     */
    public static String normalized(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            dropDocs(tree);
            return parse(JSON.writeValueAsString(tree)).toString();
        } catch (JsonProcessingException e) {
            throw SchemaRegistryException.invalidSchema(e.getOriginalMessage());
        }
    }

    /** {@link #normalized} or {@link #identity}. */
    public static String text(Schema schema, boolean normalize) {
        return normalize ? normalized(schema) : identity(schema);
    }

    private static void dropDocs(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("doc");
        }
        node.forEach(AvroSchemas::dropDocs);
    }

    /**
     * Incompatibilities of {@code candidate} with {@code existing} under the given directions;
     * empty if compatible.
     */
    public static List<String> incompatibilities(Schema candidate, Schema existing, boolean backward, boolean forward) {
        List<String> problems = new ArrayList<>();
        if (backward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing), "backward", problems);
        }
        if (forward) {
            describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate), "forward", problems);
        }
        return problems;
    }

    private static void describe(SchemaPairCompatibility result, String direction, List<String> problems) {
        if (result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        result.getResult().getIncompatibilities().forEach(i -> problems.add("{" + direction + ": "
                + i.getType() + " at " + i.getLocation() + ": " + i.getMessage() + "}"));
        if (result.getResult().getIncompatibilities().isEmpty()) {
            problems.add("{" + direction + ": " + result.getDescription() + "}");
        }
    }
}
