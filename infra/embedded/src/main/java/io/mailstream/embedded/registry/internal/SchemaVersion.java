package io.mailstream.embedded.registry.internal;

/** One version of a subject as stored in the log; {@code type} is AVRO unless a client registered JSON or PROTOBUF. */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted, SchemaType type) {
    /** An Avro version, the only kind our own services write. */
    public SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {
        this(subject, version, id, schema, deleted, SchemaType.AVRO);
    }
}
