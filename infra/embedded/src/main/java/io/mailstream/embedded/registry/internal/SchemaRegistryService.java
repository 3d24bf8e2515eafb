package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.CompatibilityLevel;
import io.mailstream.embedded.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The registry's operations, with Confluent Schema Registry's semantics: global ids shared by
 * equal schemas across subjects, per-subject versions, compatibility checks on registration.
 * Every write is appended to the log and becomes visible only when read back from it, so the
 * topic stays the source of truth. One lock: registrations are rare and must be ordered.
 */
public final class SchemaRegistryService {
    private final SchemaLog log;
    private final RegistryRecords records;
    private final RegistryState state;

    public SchemaRegistryService(SchemaLog log, RegistryRecords records) {
        this.log = log;
        this.records = records;
        this.state = new RegistryState(records);
        catchUp();
    }

    private void catchUp() {
        log.readToEnd().forEach(state::apply);
    }

    /** Registers a schema under a subject, or returns the id it already has there. */
    public synchronized int register(String subject, String schemaText) {
        catchUp();
        Schema schema = AvroSchemas.parse(schemaText);
        String canonical = AvroSchemas.canonical(schema);
        List<SchemaVersion> versions = state.versions(subject);
        for (SchemaVersion v : versions) {
            if (AvroSchemas.canonical(AvroSchemas.parse(v.schema())).equals(canonical)) {
                return v.id();
            }
        }
        List<String> problems = incompatibilities(schema, versions, state.effectiveLevel(subject));
        if (!problems.isEmpty()) {
            throw SchemaRegistryException.incompatible(subject, String.join(", ", problems));
        }
        int id = state.idOf(canonical).orElseGet(state::nextId);
        String stored = state.schemaById(id).orElse(schema.toString());
        SchemaVersion created = new SchemaVersion(subject, state.nextVersion(subject), id, stored, false);
        log.append(records.schemaKey(subject, created.version()), records.schemaValue(created));
        catchUp();
        return id;
    }

    /** The version of a subject holding this schema (compared by canonical form). */
    public synchronized SchemaVersion lookup(String subject, String schemaText) {
        catchUp();
        List<SchemaVersion> versions = existingVersions(subject);
        String canonical = AvroSchemas.canonical(AvroSchemas.parse(schemaText));
        return versions.stream()
                .filter(v -> AvroSchemas.canonical(AvroSchemas.parse(v.schema())).equals(canonical))
                .reduce((a, b) -> b)
                .orElseThrow(SchemaRegistryException::schemaNotFound);
    }

    public synchronized String schemaById(int id) {
        catchUp();
        return state.schemaById(id).orElseThrow(SchemaRegistryException::schemaNotFound);
    }

    public synchronized List<String> subjects() {
        catchUp();
        return state.subjects();
    }

    public synchronized List<Integer> versions(String subject) {
        catchUp();
        return existingVersions(subject).stream().map(SchemaVersion::version).toList();
    }

    /** @param version a version number or {@code latest} */
    public synchronized SchemaVersion version(String subject, String version) {
        catchUp();
        return find(subject, VersionRef.parse(version));
    }

    /**
     * Whether a schema could be registered against the given version under the subject's level;
     * for {@code latest} with a transitive level, against every version.
     */
    public synchronized boolean isCompatible(String subject, String version, String schemaText) {
        catchUp();
        VersionRef ref = VersionRef.parse(version);
        Schema schema = AvroSchemas.parse(schemaText);
        CompatibilityLevel level = state.effectiveLevel(subject);
        if (ref.isLatest() && state.versions(subject).isEmpty()) {
            return true;
        }
        List<SchemaVersion> against = ref.isLatest() ? state.versions(subject) : List.of(find(subject, ref));
        return incompatibilities(schema, against, level).isEmpty();
    }

    public synchronized CompatibilityLevel globalLevel() {
        catchUp();
        return state.globalLevel();
    }

    public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        catchUp();
        return state.subjectLevel(subject);
    }

    public synchronized void setLevel(Optional<String> subject, CompatibilityLevel level) {
        log.append(records.configKey(subject), records.configValue(level));
        catchUp();
    }

    private List<String> incompatibilities(Schema schema, List<SchemaVersion> versions, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        List<SchemaVersion> against = level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
        List<String> problems = new ArrayList<>();
        for (SchemaVersion v : against) {
            problems.addAll(AvroSchemas.incompatibilities(schema, AvroSchemas.parse(v.schema()),
                    level.backward(), level.forward()));
        }
        return problems;
    }

    private List<SchemaVersion> existingVersions(String subject) {
        List<SchemaVersion> versions = state.versions(subject);
        if (versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions;
    }

    private SchemaVersion find(String subject, VersionRef ref) {
        List<SchemaVersion> versions = existingVersions(subject);
        if (ref.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == ref.number()).findFirst()
                .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, ref.number()));
    }
}
