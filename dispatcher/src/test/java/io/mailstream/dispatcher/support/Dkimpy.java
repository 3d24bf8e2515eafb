package io.mailstream.dispatcher.support;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * dkimpy (Debian's {@code python3-dkim} with {@code python3-nacl}, installed by {@code .ci/run}) as
 * an independent DKIM verifier, the one at hand that checks Ed25519 signatures. A test that needs
 * it is skipped, saying so, where it is missing.
 */
public final class Dkimpy {
    private Dkimpy() {
    }

    /**
     * Runs the Python {@code script} with the message file and {@code args}; true when it exits 0.
     * Skips the calling test when dkimpy is not installed.
     */
    public static boolean verifies(Path work, String script, byte[] message, List<String> args) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        assumeThat(run(List.of(python, "-c", "import dkim, nacl")))
                .as("dkimpy with PyNaCl is not installed (apt-get install -y python3-dkim python3-nacl); skipping")
                .isZero();
        Path file = Files.writeString(Files.createTempFile(work, "verify", ".py"), script);
        Path msg = Files.write(Files.createTempFile(work, "msg", ".eml"), message);
        List<String> command = new ArrayList<>(List.of(python, file.toString(), msg.toString()));
        command.addAll(args);
        return run(command) == 0;
    }

    /** The DNS TXT record of an Ed25519 key: RFC 8463 §4.2, p= is the raw 32-byte key, the tail of its SubjectPublicKeyInfo. */
    public static String ed25519Record(PublicKey key) {
        byte[] spki = key.getEncoded();
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return p.exitValue();
    }
}
