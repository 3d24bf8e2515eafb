package io.mailstream.dispatcher.support;

import io.mailstream.schemas.verp.VerpKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A key file for {@code --verp-keys} in command-line tests: one fresh key, written once per test JVM. */
public final class VerpKeyFile {
    private static final Path FILE = write();

    private VerpKeyFile() {
    }

    public static String path() {
        return FILE.toString();
    }

    private static Path write() {
        try {
            Path f = Files.createTempFile("mailstream-test-verp", ".keys");
            f.toFile().deleteOnExit();
            return Files.writeString(f, VerpKeys.newKeyLine("t"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
