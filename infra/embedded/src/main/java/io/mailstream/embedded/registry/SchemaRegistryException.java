package io.mailstream.embedded.registry;

import io.mailstream.schemas.MailstreamException;

/**
 * A request the registry refuses, with the HTTP status and the Confluent {@code error_code} it
 * answers with (e.g. 404 / 40401 subject not found), so clients written for Confluent's registry
 * see the same errors.
 */
public final class SchemaRegistryException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    private SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public static SchemaRegistryException subjectNotFound(String subject) {
        return new SchemaRegistryException(404, 40401, "Subject '" + subject + "' not found.", null);
    }

    public static SchemaRegistryException versionNotFound(String subject, int version) {
        return new SchemaRegistryException(404, 40402, "Version " + version + " not found.", null);
    }

    public static SchemaRegistryException subjectSoftDeleted(String subject) {
        return new SchemaRegistryException(404, 40404, "Subject '" + subject + "' was soft deleted."
                + " Set permanent=true to delete permanently", null);
    }

    public static SchemaRegistryException subjectNotSoftDeleted(String subject) {
        return new SchemaRegistryException(404, 40405, "Subject '" + subject + "' was not deleted first before being"
                + " permanently deleted", null);
    }

    public static SchemaRegistryException versionSoftDeleted(String subject, int version) {
        return new SchemaRegistryException(404, 40406, "Subject '" + subject + "' Version " + version
                + " was soft deleted. Set permanent=true to delete permanently", null);
    }

    public static SchemaRegistryException versionNotSoftDeleted(String subject, int version) {
        return new SchemaRegistryException(404, 40407, "Subject '" + subject + "' Version " + version
                + " was not deleted first before being permanently deleted", null);
    }

    public static SchemaRegistryException invalidMode(String mode) {
        return new SchemaRegistryException(422, 42204, "Invalid mode: " + mode + "; this registry only runs READWRITE", null);
    }

    public static SchemaRegistryException schemaNotFound() {
        return new SchemaRegistryException(404, 40403, "Schema not found", null);
    }

    public static SchemaRegistryException subjectConfigNotFound(String subject) {
        return new SchemaRegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured", null);
    }

    public static SchemaRegistryException incompatible(String subject, String details) {
        return new SchemaRegistryException(409, 409, "Schema being registered is incompatible with an earlier schema"
                + " for subject \"" + subject + "\", details: " + details, null);
    }

    public static SchemaRegistryException invalidSchema(String reason) {
        return new SchemaRegistryException(422, 42201, "Invalid schema: " + reason, null);
    }

    public static SchemaRegistryException invalidVersion(String version) {
        return new SchemaRegistryException(422, 42202, "The specified version '" + version + "' is not a valid version"
                + " id. Allowed values are between [1, 2^31-1] and the string \"latest\"", null);
    }

    public static SchemaRegistryException invalidCompatibilityLevel(String level) {
        return new SchemaRegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward,"
                + " forward, full, backward_transitive, forward_transitive, and full_transitive: " + level, null);
    }

    public static SchemaRegistryException badRequest(int httpStatus, String message) {
        return new SchemaRegistryException(httpStatus, httpStatus, message, null);
    }

    public static SchemaRegistryException storeFailure(String what, Throwable cause) {
        return new SchemaRegistryException(500, 50001, "Error in the backend data store: " + what + ": "
                + cause.getMessage(), cause);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code}. */
    public int errorCode() {
        return errorCode;
    }
}
