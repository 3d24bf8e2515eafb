package io.mailstream.schemas.verp;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One HMAC-SHA-256 key of the signed return path, named by a short id that travels in the token
 * so the receiver knows which key to check it with.
 */
public final class VerpKey {
    static final Pattern ID = Pattern.compile("[a-z0-9]{1,4}");
    static final int MIN_SECRET_BYTES = 16;

    private final String id;
    private final byte[] secret;

    private VerpKey(String id, byte[] secret) {
        this.id = id;
        this.secret = secret.clone();
    }

    /** A key; the id is 1–4 of {@code [a-z0-9]}, the secret at least 16 bytes (128 bits). */
    public static VerpKey of(String id, byte[] secret, String origin) {
        Objects.requireNonNull(secret, "secret");
        if (id == null || !ID.matcher(id).matches()) {
            throw VerpKeyException.invalid(origin, "key id '" + id + "' must be 1 to 4 of a-z 0-9");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw VerpKeyException.invalid(origin, "key '" + id + "' has " + secret.length
                    + " bytes; at least " + MIN_SECRET_BYTES + " are required");
        }
        return new VerpKey(id, secret);
    }

    public String id() {
        return id;
    }

    byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerpKey k && k.id.equals(id) && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "VerpKey[" + id + "]"; // never the secret
    }
}
