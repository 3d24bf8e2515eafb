package io.mailstream.webhooks.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids: the same facts give the same id on every redelivery, on every instance,
 * after every restart, so a receiver de-duplicates by id alone.
 */
public final class EventIds {
    private EventIds() {
    }

    /** {@code evt_} and 32 hex digits of SHA-256 over the parts, each ended by a NUL (no two part lists collide by concatenation). */
    public static String of(String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        for (String p : parts) {
            sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return "evt_" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
