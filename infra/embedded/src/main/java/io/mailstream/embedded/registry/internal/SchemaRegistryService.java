package io.mailstream.embedded.registry.internal;

import io.mailstream.embedded.registry.CompatibilityLevel;
import io.mailstream.embedded.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry's operations, with Confluent Schema Registry's semantics: global ids shared by
 * the same schema across subjects (the same by {@link AvroSchemas#identity}, or by
 * {@link AvroSchemas#normalized} on request), per-subject versions, compatibility checks on
 * registration, soft and permanent deletes of subjects and versions.
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

    /**
     * Registers a schema under a subject, or returns the id it already has there. With
     * {@code normalize} the schema is stored in its {@link AvroSchemas#normalized} form and compared so.
     */
    public synchronized int register(String subject, SchemaInput input, boolean normalize) {
        catchUp();
        String text = TypedSchemas.identity(input, normalize);
        List<SchemaVersion> versions = state.versions(subject);
        for (SchemaVersion v : versions) {
            if (identityOf(v, normalize).equals(text)) {
                return v.id();
            }
        }
        List<String> problems = incompatibilities(input, versions, state.effectiveLevel(subject));
        if (!problems.isEmpty()) {
            throw SchemaRegistryException.incompatible(subject, String.join(", ", problems));
        }
        int id = state.idOf(text).orElseGet(state::nextId);
        SchemaVersion created = new SchemaVersion(subject, state.nextVersion(subject), id,
                TypedSchemas.stored(input, normalize), false, input.type());
        log.append(records.schemaKey(subject, created.version()), records.schemaValue(created));
        catchUp();
        return id;
    }

    /** The version of a subject holding this schema (compared as {@link #register} does). */
    public synchronized SchemaVersion lookup(String subject, SchemaInput input, boolean normalize) {
        catchUp();
        List<SchemaVersion> versions = existingVersions(subject);
        String text = TypedSchemas.identity(input, normalize);
        return versions.stream()
                .filter(v -> identityOf(v, normalize).equals(text))
                .reduce((a, b) -> b)
                .orElseThrow(SchemaRegistryException::schemaNotFound);
    }

    public synchronized SchemaInput schemaById(int id) {
        catchUp();
        return state.schemaById(id).orElseThrow(SchemaRegistryException::schemaNotFound);
    }

    public synchronized List<String> subjects(boolean includeDeleted) {
        catchUp();
        return state.subjects(includeDeleted);
    }

    public synchronized List<Integer> versions(String subject, boolean includeDeleted) {
        catchUp();
        List<SchemaVersion> versions = includeDeleted ? state.allVersions(subject) : state.versions(subject);
        if (versions.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        return versions.stream().map(SchemaVersion::version).toList();
    }

    /**
     * Deletes every live version of a subject (soft: kept in the log as deleted, ids still resolve)
     * or, with {@code permanent}, every version of an already soft-deleted subject (tombstones).
     *
     * @return the versions deleted
     */
    public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        catchUp();
        List<SchemaVersion> all = state.allVersions(subject);
        if (all.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        List<SchemaVersion> live = state.versions(subject);
        if (permanent && !live.isEmpty()) {
            throw SchemaRegistryException.subjectNotSoftDeleted(subject);
        }
        if (!permanent && live.isEmpty()) {
            throw SchemaRegistryException.subjectSoftDeleted(subject);
        }
        List<SchemaVersion> targets = permanent ? all : live;
        targets.forEach(v -> writeDeletion(v, permanent));
        catchUp();
        return targets.stream().map(SchemaVersion::version).toList();
    }

    /**
     * Deletes one version: soft, or with {@code permanent} one that was soft-deleted before.
     *
     * @param version a version number or {@code latest} (the latest live one; for a permanent delete, the latest)
     * @return the version deleted
     */
    public synchronized int deleteVersion(String subject, String version, boolean permanent) {
        catchUp();
        VersionRef ref = VersionRef.parse(version);
        List<SchemaVersion> all = state.allVersions(subject);
        if (all.isEmpty()) {
            throw SchemaRegistryException.subjectNotFound(subject);
        }
        List<SchemaVersion> candidates = permanent ? all : state.versions(subject);
        SchemaVersion target = ref.isLatest()
                ? candidates.stream().reduce((a, b) -> b).orElseThrow(() -> SchemaRegistryException.subjectSoftDeleted(subject))
                : all.stream().filter(v -> v.version() == ref.number()).findFirst()
                        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, ref.number()));
        if (permanent && !target.deleted()) {
            throw SchemaRegistryException.versionNotSoftDeleted(subject, target.version());
        }
        if (!permanent && target.deleted()) {
            throw SchemaRegistryException.versionSoftDeleted(subject, target.version());
        }
        writeDeletion(target, permanent);
        catchUp();
        return target.version();
    }

    private void writeDeletion(SchemaVersion v, boolean permanent) {
        String key = records.schemaKey(v.subject(), v.version());
        log.append(key, permanent ? null
                : records.schemaValue(new SchemaVersion(v.subject(), v.version(), v.id(), v.schema(), true, v.type())));
    }

    /** @param version a version number or {@code latest} */
    public synchronized SchemaVersion version(String subject, String version) {
        catchUp();
        return find(subject, VersionRef.parse(version));
    }

    /**
     * The incompatibilities of a schema with the given version under the subject's level; for
     * {@code latest} with a transitive level, with every version. Empty when compatible.
     *
     * @throws SchemaRegistryException 40401 for a subject without live versions, as Confluent's registry answers
     */
    public synchronized List<String> incompatibilities(String subject, String version, SchemaInput input) {
        catchUp();
        VersionRef ref = VersionRef.parse(version);
        TypedSchemas.identity(input, false);
        List<SchemaVersion> against = ref.isLatest() ? existingVersions(subject) : List.of(find(subject, ref));
        return incompatibilities(input, against, state.effectiveLevel(subject));
    }

    /**
     * The incompatibilities of a schema with the versions its subject's level checks a registration
     * against: the latest for BACKWARD/FORWARD/FULL, every one for the transitive levels, none for NONE.
     */
    public synchronized List<String> incompatibilities(String subject, SchemaInput input) {
        catchUp();
        TypedSchemas.identity(input, false);
        return incompatibilities(input, existingVersions(subject), state.effectiveLevel(subject));
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

    /**
     * A change of type is always incompatible; JSON Schema and Protobuf versions of one type are not
     * compared (this registry does not parse them), Avro ones as Confluent's registry does.
     */
    private List<String> incompatibilities(SchemaInput input, List<SchemaVersion> versions, CompatibilityLevel level) {
        if (level == CompatibilityLevel.NONE || versions.isEmpty()) {
            return List.of();
        }
        List<SchemaVersion> against = level.transitive() ? versions : List.of(versions.get(versions.size() - 1));
        List<String> problems = new ArrayList<>();
        for (SchemaVersion v : against) {
            if (v.type() != input.type()) {
                problems.add("{schemaType " + input.type() + " differs from " + v.type() + " of version " + v.version() + "}");
            } else if (input.type() == SchemaType.AVRO) {
                problems.addAll(AvroSchemas.incompatibilities(AvroSchemas.parse(input.text()), AvroSchemas.parse(v.schema()),
                        level.backward(), level.forward()));
            }
        }
        return problems;
    }

    private static String identityOf(SchemaVersion v, boolean normalize) {
        return TypedSchemas.identity(new SchemaInput(v.type(), v.schema()), normalize);
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
