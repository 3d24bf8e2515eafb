package io.mailstream.dispatcher.ledger;

import io.mailstream.dispatcher.DispatcherException;
import java.nio.file.Path;

/** The local store of the sent-ledger failed (open, read or write); carries its directory. */
public final class LedgerStoreException extends DispatcherException {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    private LedgerStoreException(Path directory, String what, Throwable cause) {
        super("sent-ledger store " + directory + ": " + what + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.directory = directory;
    }

    static LedgerStoreException open(Path directory, Throwable cause) {
        return new LedgerStoreException(directory, "could not open (is another dispatcher using this ledger.state-dir?)", cause);
    }

    static LedgerStoreException read(Path directory, Throwable cause) {
        return new LedgerStoreException(directory, "read failed", cause);
    }

    static LedgerStoreException write(Path directory, Throwable cause) {
        return new LedgerStoreException(directory, "write failed", cause);
    }

    static LedgerStoreException closed(Path directory) {
        return new LedgerStoreException(directory, "already closed", null);
    }

    public Path directory() {
        return directory;
    }
}
