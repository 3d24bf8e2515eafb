package io.mailstream.webhooks.config;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The HMAC key an endpoint's requests are signed with, and the id sent beside the signature so a
 * receiver can hold two keys while rotating. The secret never appears in {@link #toString()}.
 */
public final class SigningKey {
    /** Shorter secrets can be guessed offline from one signed request. */
    public static final int MIN_SECRET_BYTES = 16;

    private final String id;
    private final byte[] secret;

    public SigningKey(String id, String secret) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("key id must be 1-64 of [A-Za-z0-9._-], was '" + id + "'");
        }
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret must be at least " + MIN_SECRET_BYTES + " bytes (e.g. openssl rand -hex 32)");
        }
        this.id = id;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String id() {
        return id;
    }

    public byte[] secret() {
        return Arrays.copyOf(secret, secret.length);
    }

    @Override
    public String toString() {
        return "SigningKey[id=" + id + "]";
    }
}
