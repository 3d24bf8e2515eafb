package io.mailstream.dispatcher.suppress;

import io.mailstream.dispatcher.DispatcherException;
import java.nio.file.Path;

/** The local suppression store failed (open, read or write); carries its directory. */
public final class SuppressionStoreException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    private SuppressionStoreException(Path directory, String what, Throwable cause) {
        super("suppression store " + directory + ": " + what + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.directory = directory;
    }

    static SuppressionStoreException open(Path directory, Throwable cause) {
        return new SuppressionStoreException(directory,
                "could not open (is another dispatcher using this suppressions.state-dir?)", cause);
    }

    static SuppressionStoreException read(Path directory, Throwable cause) {
        return new SuppressionStoreException(directory, "read failed", cause);
    }

    static SuppressionStoreException write(Path directory, Throwable cause) {
        return new SuppressionStoreException(directory, "write failed", cause);
    }

    static SuppressionStoreException closed(Path directory) {
        return new SuppressionStoreException(directory, "already closed", null);
    }

    static SuppressionStoreException corrupt(Path directory, String key) {
        return new SuppressionStoreException(directory, "the stored value of " + key
                + " cannot be decoded; delete the directory to rebuild it from mail.suppressions", null);
    }

    public Path directory() {
        return directory;
    }
}
