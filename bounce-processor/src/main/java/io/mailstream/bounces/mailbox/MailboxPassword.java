package io.mailstream.bounces.mailbox;

import io.mailstream.bounces.topology.BounceConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The mailbox password, read from a file (first line) or an environment variable, never from the
 * command line (where {@code ps} shows it). {@link #toString} does not reveal it.
 */
public final class MailboxPassword {
    /** The variable read when no file is given. */
    public static final String DEFAULT_ENV = "MAILSTREAM_MAILBOX_PASSWORD";

    private final String secret;

    private MailboxPassword(String secret) {
        this.secret = secret;
    }

    public static MailboxPassword of(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw BounceConfigException.invalid("mailbox.password", "is empty");
        }
        return new MailboxPassword(secret);
    }

    /** From {@code file} if given, else from {@code envVar}; fails naming where it looked. */
    public static MailboxPassword load(Optional<Path> file, String envVar, Map<String, String> env) {
        if (file.isPresent()) {
            try {
                String first = Files.readAllLines(file.get(), StandardCharsets.UTF_8).stream().findFirst().orElse("");
                if (first.isEmpty()) {
                    throw BounceConfigException.invalid("mailbox.passwordFile", file.get() + " is empty: put the password on its first line");
                }
                return new MailboxPassword(first);
            } catch (IOException e) {
                throw BounceConfigException.invalid("mailbox.passwordFile", "cannot read " + file.get() + ": " + e.getMessage());
            }
        }
        String value = env.get(envVar);
        if (value == null || value.isEmpty()) {
            throw BounceConfigException.invalid("mailbox.password", "no password: give --password-file FILE or set $" + envVar);
        }
        return new MailboxPassword(value);
    }

    String reveal() {
        return secret;
    }

    @Override
    public String toString() {
        return "***";
    }
}
