package io.mailstream.schemas.registry;

import org.apache.avro.Schema;

/** A schema as the registry knows it: subject, version and global id. */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
