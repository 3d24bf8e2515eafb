package io.mailstream.embedded.registry.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.embedded.registry.CompatibilityLevel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's materialised view of {@code _schemas}: subjects and their versions, schemas by
 * global id, compatibility configs. Changed only by {@link #apply}, i.e. only from the log.
 */
public final class RegistryState {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

    private final RegistryRecords records;
    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, SchemaInput> schemasById = new HashMap<>();
    /** Each id by its schema's identity ({@link TypedSchemas#identity}), so that the same schema reuses its id in any subject. */
    private final Map<String, Integer> idsByText = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
    private int maxId;

    public RegistryState(RegistryRecords records) {
        this.records = records;
    }

    public void apply(ConsumerRecord<String, String> record) {
        try {
            JsonNode key = records.read(record.key());
            String type = key.path("keytype").asText();
            if (RegistryRecords.SCHEMA.equals(type)) {
                applySchema(key, record.value());
            } else if (RegistryRecords.CONFIG.equals(type)) {
                applyConfig(key, record.value());
            }
            // NOOP, MODE, DELETE_SUBJECT ... from a Confluent registry: nothing we serve depends on them
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable {} record at offset {}: {}", record.topic(), record.offset(), e.getMessage());
        }
    }

    private void applySchema(JsonNode key, String valueText) {
        String subject = key.path("subject").asText();
        int version = key.path("version").asInt();
        if (valueText == null) {
            NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
            SchemaVersion removed = versions == null ? null : versions.remove(version);
            if (removed != null && versions.isEmpty()) {
                subjects.remove(subject);
            }
            if (removed != null && !referenced(removed.id())) {
                // permanently deleted everywhere: the id answers 40403 from now on, as in Confluent's registry
                schemasById.remove(removed.id());
                idsByText.values().remove(removed.id());
            }
            return;
        }
        JsonNode v = records.read(valueText);
        SchemaVersion sv = new SchemaVersion(subject, version, v.path("id").asInt(), v.path("schema").asText(),
                v.path("deleted").asBoolean(false), SchemaType.parse(v.path("schemaType").asText("AVRO")));
        subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, sv);
        schemasById.putIfAbsent(sv.id(), new SchemaInput(sv.type(), sv.schema()));
        idsByText.putIfAbsent(TypedSchemas.identity(new SchemaInput(sv.type(), sv.schema()), false), sv.id());
        maxId = Math.max(maxId, sv.id());
    }

    private void applyConfig(JsonNode key, String valueText) {
        JsonNode subject = key.get("subject");
        boolean global = subject == null || subject.isNull();
        if (valueText == null) {
            if (global) {
                globalLevel = CompatibilityLevel.BACKWARD;
            } else {
                subjectLevels.remove(subject.asText());
            }
            return;
        }
        CompatibilityLevel level = CompatibilityLevel.parse(records.read(valueText).path("compatibilityLevel").asText());
        if (global) {
            globalLevel = level;
        } else {
            subjectLevels.put(subject.asText(), level);
        }
    }

    private boolean referenced(int id) {
        return subjects.values().stream().flatMap(m -> m.values().stream()).anyMatch(v -> v.id() == id);
    }

    /** Subjects with at least one live version (or, with {@code includeDeleted}, any version left), sorted. */
    public List<String> subjects(boolean includeDeleted) {
        return subjects.entrySet().stream()
                .filter(e -> e.getValue().values().stream().anyMatch(v -> includeDeleted || !v.deleted()))
                .map(Map.Entry::getKey).toList();
    }

    /** Every version of a subject still in the log, soft-deleted ones included, oldest first. */
    public List<SchemaVersion> allVersions(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** Live versions of a subject, oldest first; empty if the subject is unknown. */
    public List<SchemaVersion> versions(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null ? List.of() : versions.values().stream().filter(v -> !v.deleted()).toList();
    }

    /** The next version number; deleted versions are never reused, as in Confluent's registry. */
    public int nextVersion(String subject) {
        NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    public Optional<SchemaInput> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The id of a schema by its {@link AvroSchemas#identity}. */
    public Optional<Integer> idOf(String identity) {
        return Optional.ofNullable(idsByText.get(identity));
    }

    public int nextId() {
        return maxId + 1;
    }

    public CompatibilityLevel globalLevel() {
        return globalLevel;
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public CompatibilityLevel effectiveLevel(String subject) {
        return subjectLevel(subject).orElse(globalLevel);
    }
}
