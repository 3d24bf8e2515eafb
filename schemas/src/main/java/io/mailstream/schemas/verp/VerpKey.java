package io.mailstream.schemas.verp;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One HMAC-SHA-256 key of the signed return path, named by a short id that travels in the token
 * so the receiver knows which key to check it with.
 */
public final class VerpKey {
    static final Pattern ID = Pattern.compile("[a-z0-9]{1,4}");
    static final int MIN_SECRET_BYTES = 16;

    private final String id;
    private final byte[] secret;
    /** Initialised once: every message's return path is signed, and Mac.getInstance + init cost more than the HMAC. */
    private final Mac prototype;

    private VerpKey(String id, byte[] secret) {
        this.id = id;
        this.secret = secret.clone();
        this.prototype = newHmac(this.secret);
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

    /** A fresh HMAC-SHA-256 under this key, for one signature (a Mac is not thread-safe). */
    Mac hmac() {
        try {
            return (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            return newHmac(secret); // a provider whose Mac cannot be cloned: initialise one per call
        }
    }

    private static Mac newHmac(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
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
