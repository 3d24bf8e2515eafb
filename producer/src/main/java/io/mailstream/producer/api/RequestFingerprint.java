package io.mailstream.producer.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of what a send request asks for (sender, recipient, content, variables, headers), the
 * same whatever the order of its maps: two requests with one {@code Idempotency-Key} must ask for
 * the same mail, or the repeat is refused (422).
 */
final class RequestFingerprint {
    private RequestFingerprint() {
    }

    static String of(SendRequest r) {
        StringBuilder b = new StringBuilder();
        field(b, r.from().asString());
        field(b, r.fromName().orElse(""));
        field(b, r.to().asString());
        switch (r.content()) {
            case SendRequest.Inline i -> {
                field(b, "inline");
                field(b, i.subject());
                field(b, i.html().orElse(""));
                field(b, i.text().orElse(""));
            }
            case SendRequest.Template t -> {
                field(b, "template");
                field(b, t.id());
                field(b, Integer.toString(t.version()));
            }
        }
        map(b, r.variables());
        map(b, r.headers());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void map(StringBuilder b, Map<String, String> m) {
        field(b, Integer.toString(m.size()));
        new TreeMap<>(m).forEach((k, v) -> {
            field(b, k);
            field(b, v);
        });
    }

    /** Length-prefixed, so that no two different field lists give the same text. */
    private static void field(StringBuilder b, String s) {
        b.append(s.length()).append(':').append(s).append(';');
    }
}
