package io.mailstream.producer.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the {@link ApiKey} an {@code Authorization: Bearer <secret>} header presents. Secrets are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every key, so the time
 * taken says nothing about how much of a secret was right.
 */
public final class ApiKeys {
    private static final String BEARER = "bearer ";

    private record Entry(ApiKey key, byte[] digest) {
    }

    private final List<Entry> entries;

    public ApiKeys(List<ApiKey> keys) {
        this.entries = keys.stream().map(k -> new Entry(k, sha256(k.secret()))).toList();
    }

    public Optional<ApiKey> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(BEARER.length()).strip());
        ApiKey found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), presented)) {
                found = e.key();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
