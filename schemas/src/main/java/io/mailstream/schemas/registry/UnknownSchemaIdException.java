package io.mailstream.schemas.registry;

/** No schema with this id in the registry (Confluent error 40403). */
public final class UnknownSchemaIdException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;
    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registry) {
        super("schema id " + schemaId + " is unknown to the schema registry at " + registry
                + " (was the record written against another registry?)", 404, 40403);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
