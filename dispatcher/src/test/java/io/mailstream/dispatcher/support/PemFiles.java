package io.mailstream.dispatcher.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Base64;

/** Writes a generated test key the way operators hand keys to the dispatcher: PKCS#8 PEM. */
public final class PemFiles {
    private PemFiles() {
    }

    public static Path writePrivateKey(Path file, PrivateKey key) throws IOException {
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    }
}
