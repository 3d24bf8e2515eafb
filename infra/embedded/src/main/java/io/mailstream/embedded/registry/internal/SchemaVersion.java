package io.mailstream.embedded.registry.internal;

/** One version of a subject as stored in the log. */
public record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {
}
