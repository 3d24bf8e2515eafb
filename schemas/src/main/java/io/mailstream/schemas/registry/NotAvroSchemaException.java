package io.mailstream.schemas.registry;

/**
 * The id names a schema the registry holds, but not an Avro one: a JSON Schema or Protobuf
 * serializer framed the record (they use the same magic byte and id header), or the registry
 * answered with text that is not a valid Avro schema. Retrying cannot help: a record framed with
 * this id is corrupt for us.
 */
public final class NotAvroSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;
    private final int schemaId;
    private final String schemaType;

    /** @param detail why an AVRO-typed text is not Avro; empty for another type */
    public NotAvroSchemaException(int schemaId, String schemaType, String registry, String detail) {
        super("schema id " + schemaId + " at the schema registry " + registry
                + (schemaType.equals("AVRO") ? " is not a valid Avro schema (" + detail + ")"
                        : " is a " + schemaType + " schema, not Avro: the record was written by another serializer"), 200, -1);
        this.schemaId = schemaId;
        this.schemaType = schemaType;
    }

    public int schemaId() {
        return schemaId;
    }

    /** {@code PROTOBUF}, {@code JSON}, or {@code AVRO} for a text that does not parse as Avro. */
    public String schemaType() {
        return schemaType;
    }

    @Override
    public boolean isTransient() {
        return false;
    }
}
