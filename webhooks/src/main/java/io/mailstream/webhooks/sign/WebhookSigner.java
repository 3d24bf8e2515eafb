package io.mailstream.webhooks.sign;

import io.mailstream.webhooks.config.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a request body: HMAC-SHA-256 with the endpoint's secret over {@code <timestamp> "." <body>},
 * sent as {@value #HEADER}{@code : t=<unix seconds>,kid=<key id>,v1=<hex>}. The timestamp is inside the
 * MAC so a receiver can refuse replays of old requests; the key id lets it hold two secrets while
 * rotating. Every retry is signed anew with its own timestamp.
 */
public final class WebhookSigner {
    public static final String HEADER = "Mailstream-Signature";
    static final String ALGORITHM = "HmacSHA256";

    private final SigningKey key;

    public WebhookSigner(SigningKey key) {
        this.key = key;
    }

    /** The header value for {@code body} sent at {@code epochSeconds}. */
    public String header(long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",kid=" + key.id() + ",v1=" + hex(key.secret(), epochSeconds, body);
    }

    static String hex(byte[] secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is in every JDK and takes any key length", e);
        }
    }
}
