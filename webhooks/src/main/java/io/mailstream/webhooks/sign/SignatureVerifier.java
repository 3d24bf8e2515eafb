package io.mailstream.webhooks.sign;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The receiver's side of {@link WebhookSigner}, for Java receivers (and the tests): checks the MAC
 * with the secret of the named key id, in constant time, and that the timestamp is within
 * {@code tolerance} of now (old requests replayed by someone who captured them are refused).
 */
public final class SignatureVerifier {
    /** Why a request was refused, or {@link #VALID}. */
    public enum Result { VALID, MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, TOO_OLD }

    private final Map<String, byte[]> secretsByKeyId;
    private final Duration tolerance;

    public SignatureVerifier(Map<String, String> secretsByKeyId, Duration tolerance) {
        Map<String, byte[]> m = new HashMap<>();
        secretsByKeyId.forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        this.secretsByKeyId = Map.copyOf(m);
        this.tolerance = tolerance;
    }

    public Result verify(String header, byte[] body, Instant now) {
        if (header == null) {
            return Result.MALFORMED;
        }
        Map<String, String> parts = new HashMap<>();
        for (String p : header.split(",")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return Result.MALFORMED;
            }
            parts.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        String t = parts.get("t");
        String kid = parts.get("kid");
        String v1 = parts.get("v1");
        if (t == null || kid == null || v1 == null || !t.matches("\\d{1,12}")) {
            return Result.MALFORMED;
        }
        byte[] secret = secretsByKeyId.get(kid);
        if (secret == null) {
            return Result.UNKNOWN_KEY;
        }
        long ts = Long.parseLong(t);
        String expected = WebhookSigner.hex(secret, ts, body);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII))) {
            return Result.BAD_SIGNATURE;
        }
        if (Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(tolerance) > 0) {
            return Result.TOO_OLD;
        }
        return Result.VALID;
    }
}
