package io.mailstream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry held in memory, for topology unit tests and tools that run without Kafka. Global ids,
 * the same schema gets the same id across subjects, and BACKWARD compatibility, as the real one.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> idBySchema = new ConcurrentHashMap<>();
    private final Map<String, List<Schema>> versions = new ConcurrentHashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!subjectVersions.contains(schema)) {
            if (!isCompatible(subject, schema)) {
                throw new IncompatibleSchemaException(subject, "reader cannot read the previous version");
            }
            subjectVersions.add(schema);
        }
        return idBySchema.computeIfAbsent(schema, s -> {
            int id = byId.size() + 1;
            byId.put(id, s);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        Schema s = byId.get(id);
        if (s == null) {
            throw new UnknownSchemaIdException(id, "memory");
        }
        return s;
    }

    @Override
    public synchronized boolean isCompatible(String subject, Schema schema) {
        List<Schema> subjectVersions = versions.getOrDefault(subject, List.of());
        if (subjectVersions.isEmpty()) {
            return true;
        }
        Schema previous = subjectVersions.get(subjectVersions.size() - 1);
        return SchemaCompatibility.checkReaderWriterCompatibility(schema, previous).getType()
                == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latest(String subject) {
        List<Schema> subjectVersions = versions.getOrDefault(subject, List.of());
        if (subjectVersions.isEmpty()) {
            return Optional.empty();
        }
        Schema s = subjectVersions.get(subjectVersions.size() - 1);
        return Optional.of(new RegisteredSchema(subject, subjectVersions.size(), idBySchema.get(s), s));
    }
}
