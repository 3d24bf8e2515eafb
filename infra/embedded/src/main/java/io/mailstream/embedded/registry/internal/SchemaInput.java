package io.mailstream.embedded.registry.internal;

/** A schema as a client sent it: its type and text. */
public record SchemaInput(SchemaType type, String text) {
    public static SchemaInput avro(String text) {
        return new SchemaInput(SchemaType.AVRO, text);
    }
}
