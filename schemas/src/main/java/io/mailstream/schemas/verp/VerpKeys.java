package io.mailstream.schemas.verp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys of the signed return path: the first signs, all of them verify, so a key can be
 * rotated without losing the bounces of mail sent under the previous one (put the new key first,
 * keep the old one after it for as long as bounces may come back, then drop it).
 *
 * <p>Text form (a file, or the environment variable {@value #ENV}), never a command-line argument
 * (it would show in the process list): one key per line or comma-separated, {@code <id>:<base64
 * secret>}; blank lines and lines starting with {@code #} are ignored. Generate a secret with
 * {@code openssl rand -base64 32}.
 */
public record VerpKeys(List<VerpKey> keys) {
    /** Environment variable read when no key file is given. */
    public static final String ENV = "MAILSTREAM_VERP_KEYS";

    public VerpKeys {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw VerpKeyException.invalid("configuration", "at least one key is required");
        }
        Set<String> ids = new HashSet<>();
        for (VerpKey k : keys) {
            if (!ids.add(k.id())) {
                throw VerpKeyException.invalid("configuration", "key id '" + k.id() + "' is given twice");
            }
        }
    }

    public VerpKey signing() {
        return keys.getFirst();
    }

    public Optional<VerpKey> byId(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    /** Parses the text form; {@code origin} names where it came from in errors. */
    public static VerpKeys parse(String text, String origin) {
        List<VerpKey> keys = new ArrayList<>();
        for (String entry : text.split("[,\\n]")) {
            String e = entry.strip();
            if (e.isEmpty() || e.startsWith("#")) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw VerpKeyException.invalid(origin, "an entry is not <id>:<base64 secret>");
            }
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(e.substring(colon + 1).strip());
            } catch (IllegalArgumentException ex) {
                throw VerpKeyException.invalid(origin, "the secret of key '" + e.substring(0, colon) + "' is not base64");
            }
            keys.add(VerpKey.of(e.substring(0, colon).strip(), secret, origin));
        }
        if (keys.isEmpty()) {
            throw VerpKeyException.invalid(origin, "no key found");
        }
        try {
            return new VerpKeys(keys);
        } catch (VerpKeyException ex) {
            throw VerpKeyException.invalid(origin, ex.getMessage());
        }
    }

    public static VerpKeys fromFile(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw VerpKeyException.unreadable(file.toString(), e);
        }
    }

    /** From {@code file} if given, else from {@value #ENV} in {@code env}; fails naming both when neither is there. */
    public static VerpKeys load(Optional<Path> file, Map<String, String> env) {
        if (file.isPresent()) {
            return fromFile(file.get());
        }
        String text = env.get(ENV);
        if (text == null || text.isBlank()) {
            throw VerpKeyException.invalid("--verp-keys / " + ENV,
                    "none given; signed return paths need a key file (--verp-keys FILE) or " + ENV + "=<id>:<base64 secret>");
        }
        return parse(text, ENV);
    }

    /** One fresh random key, for a stack that signs and verifies in the same process (the embedded demo, tests). */
    public static VerpKeys generate(String id) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new VerpKeys(List.of(VerpKey.of(id, secret, "generated")));
    }

    /** A line of the text form with a fresh random 256-bit secret, for tools that write a key file for processes they start. */
    public static String newKeyLine(String id) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        VerpKey.of(id, secret, "generated"); // validates the id
        return id + ":" + Base64.getEncoder().encodeToString(secret) + "\n";
    }

    @Override
    public String toString() {
        return "VerpKeys" + keys.stream().map(VerpKey::id).toList();
    }
}
