package io.mailstream.schemas.registry;

/** The registry refused a new version of a subject as incompatible (HTTP 409). */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;
    private final String subject;

    public IncompatibleSchemaException(String subject, String detail) {
        super("schema for subject '" + subject + "' is incompatible with its earlier versions: " + detail
                + " (new fields need defaults)", 409, 409);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
