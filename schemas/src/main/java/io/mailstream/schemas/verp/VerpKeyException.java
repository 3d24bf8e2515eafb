package io.mailstream.schemas.verp;

import io.mailstream.schemas.MailstreamException;

/** The VERP signing keys could not be read or are not acceptable; names where they came from. */
public final class VerpKeyException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final String origin;

    private VerpKeyException(String origin, String message, Throwable cause) {
        super("VERP keys from " + origin + ": " + message, cause);
        this.origin = origin;
    }

    static VerpKeyException invalid(String origin, String message) {
        return new VerpKeyException(origin, message, null);
    }

    static VerpKeyException unreadable(String origin, Throwable cause) {
        return new VerpKeyException(origin, "cannot be read (" + cause.getMessage() + ")", cause);
    }

    /** The file or environment variable the keys came from. */
    public String origin() {
        return origin;
    }
}
