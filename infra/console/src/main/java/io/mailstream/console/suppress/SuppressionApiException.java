package io.mailstream.console.suppress;

/** The suppression API refused or could not be reached; the message says which and what to check. */
public final class SuppressionApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SuppressionApiException(String message) {
        super(message);
    }

    public SuppressionApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
