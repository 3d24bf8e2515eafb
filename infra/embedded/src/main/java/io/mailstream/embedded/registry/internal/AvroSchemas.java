package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;

/** Parsing, identity and compatibility of Avro schemas, as the registry needs them. */
public final class AvroSchemas {
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

    /** Parsing Canonical Form: two schemas that read and write the same bytes compare equal. */
    public static String canonical(Schema schema) {
        return SchemaNormalization.toParsingForm(schema);
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
