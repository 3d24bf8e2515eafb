package io.mailstream.embedded.registry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.embedded.registry.CompatibilityLevel;
import java.util.Optional;

/**
 * Keys and values of {@code _schemas} in Confluent Schema Registry's own JSON layout, so that the
 * topic can be read by (or taken over from) a Confluent registry.
 */
public final class RegistryRecords {
    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";

    private final ObjectMapper json;

    public RegistryRecords(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}} */
    public String schemaKey(String subject, int version) {
        ObjectNode k = json.createObjectNode();
        k.put("keytype", SCHEMA);
        k.put("subject", subject);
        k.put("version", version);
        k.put("magic", 1);
        return write(k);
    }

    /** {@code {"subject":..,"version":..,"id":..,"schema":..,"deleted":false}} */
    public String schemaValue(SchemaVersion v) {
        ObjectNode n = json.createObjectNode();
        n.put("subject", v.subject());
        n.put("version", v.version());
        n.put("id", v.id());
        n.put("schema", v.schema());
        n.put("deleted", v.deleted());
        if (v.type() != SchemaType.AVRO) {
            n.put("schemaType", v.type().name()); // Confluent leaves it out for Avro
        }
        return write(n);
    }

    /** {@code {"keytype":"CONFIG","subject":null|..,"magic":0}}: the global config has a null subject. */
    public String configKey(Optional<String> subject) {
        ObjectNode k = json.createObjectNode();
        k.put("keytype", CONFIG);
        if (subject.isPresent()) {
            k.put("subject", subject.get());
        } else {
            k.putNull("subject");
        }
        k.put("magic", 0);
        return write(k);
    }

    public String configValue(CompatibilityLevel level) {
        ObjectNode n = json.createObjectNode();
        n.put("compatibilityLevel", level.name());
        return write(n);
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + node, e);
        }
    }
}
