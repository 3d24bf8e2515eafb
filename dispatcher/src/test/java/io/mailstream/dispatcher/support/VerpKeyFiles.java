package io.mailstream.dispatcher.support;

import io.mailstream.schemas.verp.VerpKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A return-path key file for command-line tests: `mailstream dispatcher` refuses to start without one. */
public final class VerpKeyFiles {
    private static Path file;

    private VerpKeyFiles() {
    }

    /** The path of a key file with one fresh key, written once per test JVM and deleted on exit. */
    public static synchronized String path() {
        if (file == null) {
            try {
                file = Files.createTempFile("verp-", ".keys");
                Files.writeString(file, VerpKeys.newKeyLine("t") + "\n");
                file.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file.toString();
    }
}
