package io.mailstream.cli.scaleout;

/** A scale-out run could not be carried out (a process did not start or died, a wait timed out). */
public final class ScaleOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScaleOutException(String message) {
        super(message);
    }

    public ScaleOutException(String message, Throwable cause) {
        super(message, cause);
    }
}
