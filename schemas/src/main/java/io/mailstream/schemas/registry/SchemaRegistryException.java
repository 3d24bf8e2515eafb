package io.mailstream.schemas.registry;

import io.mailstream.schemas.MailstreamException;

/**
 * The registry answered with an error, or could not be reached. {@link #httpStatus()} and
 * {@link #errorCode()} are Confluent's (e.g. 404 / 40401 subject not found, 409 incompatible);
 * both are -1 when no answer came.
 */
public class SchemaRegistryException extends MailstreamException {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = -1;
        this.errorCode = -1;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** True when retrying later may help (no answer, or a 5xx). */
    public boolean isTransient() {
        return httpStatus == -1 || httpStatus >= 500;
    }
}
