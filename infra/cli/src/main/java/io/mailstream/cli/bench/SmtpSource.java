package io.mailstream.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-source}, the bulk SMTP test client of Debian's {@code postfix} package, as
 * a second reference next to {@link RawSmtpClient}: with {@code -d} it reuses each of its {@code -s}
 * sessions for many messages, as the dispatcher does. Timed from outside: it prints no rate itself.
 */
final class SmtpSource {
    private static final List<Path> USUAL = List.of(Path.of("/usr/sbin/smtp-source"), Path.of("/usr/bin/smtp-source"));

    private final Path executable;

    private SmtpSource(Path executable) {
        this.executable = executable;
    }

    /** The installed smtp-source, from the PATH or Postfix's usual place (/usr/sbin is often not on a user's PATH). */
    static Optional<SmtpSource> find() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "smtp-source"));
            }
        }
        candidates.addAll(USUAL);
        return candidates.stream().filter(Files::isExecutable).findFirst().map(SmtpSource::new);
    }

    /** Sends {@code messages} of {@code size} bytes over {@code sessions} reused sessions; returns messages per second. */
    double rate(String host, int port, int sessions, int messages, int size) throws IOException, InterruptedException {
        List<String> command = List.of(executable.toString(), "-d", "-s", String.valueOf(sessions), "-m", String.valueOf(messages),
                "-l", String.valueOf(size), "-f", "bench@mailstream.test", "-t", "raw@example.com", host + ":" + port);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("smtp-source did not finish within 30 minutes: " + String.join(" ", command));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (p.exitValue() != 0) {
            // A refused receiver makes smtp-source fail fast, which would look like a high rate.
            throw new IOException("smtp-source exited with " + p.exitValue() + ": " + String.join(" ", command));
        }
        return messages / seconds;
    }

    @Override
    public String toString() {
        return executable.toString();
    }
}
