package io.mailstream.webhooks.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.webhooks.config.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {
    private static final String SECRET = "0123456789abcdef0123";
    private static final byte[] BODY = "[{\"id\":\"evt_1\"}]".getBytes(StandardCharsets.UTF_8);
    private final WebhookSigner signer = new WebhookSigner(new SigningKey("k1", SECRET));
    private final SignatureVerifier verifier = new SignatureVerifier(Map.of("k1", SECRET), Duration.ofMinutes(5));

    @Test
    void headerShouldCarryTimestampKeyIdAndTheHmacOfTimestampDotBody() {
        // the value Python's hmac.new(secret, b"1700000000." + body, hashlib.sha256).hexdigest() gives (README's verifier)
        assertThat(signer.header(1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,kid=k1,v1=8c6cdb238189940176c32aed3b94738d3ed9e1089e6d6d705ea915ec45384dde");
    }

    @Test
    void verifierShouldAcceptWhatTheSignerSignedWithinTheTolerance() {
        String header = signer.header(1_700_000_000L, BODY);
        assertThat(verifier.verify(header, BODY, Instant.ofEpochSecond(1_700_000_100L))).isEqualTo(SignatureVerifier.Result.VALID);
    }

    @Test
    void anAlteredBodyOrTimestampShouldBeRefused() {
        String header = signer.header(1_700_000_000L, BODY);
        byte[] altered = "[{\"id\":\"evt_2\"}]".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(header, altered, Instant.ofEpochSecond(1_700_000_000L))).isEqualTo(SignatureVerifier.Result.BAD_SIGNATURE);
        String otherTime = header.replace("t=1700000000", "t=1700000001");
        assertThat(verifier.verify(otherTime, BODY, Instant.ofEpochSecond(1_700_000_000L))).isEqualTo(SignatureVerifier.Result.BAD_SIGNATURE);
    }

    @Test
    void anotherSecretAnUnknownKeyIdAnOldTimestampAndGarbageShouldBeRefused() {
        String header = new WebhookSigner(new SigningKey("k1", "another-secret-of-20")).header(1_700_000_000L, BODY);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        assertThat(verifier.verify(header, BODY, now)).isEqualTo(SignatureVerifier.Result.BAD_SIGNATURE);
        assertThat(verifier.verify(signer.header(1_700_000_000L, BODY).replace("kid=k1", "kid=k2"), BODY, now))
                .isEqualTo(SignatureVerifier.Result.UNKNOWN_KEY);
        assertThat(verifier.verify(signer.header(1_700_000_000L, BODY), BODY, now.plus(Duration.ofMinutes(6))))
                .isEqualTo(SignatureVerifier.Result.TOO_OLD);
        assertThat(verifier.verify("v1=abc", BODY, now)).isEqualTo(SignatureVerifier.Result.MALFORMED);
        assertThat(verifier.verify(null, BODY, now)).isEqualTo(SignatureVerifier.Result.MALFORMED);
    }

    @Test
    void theSecretShouldNeverBeShownAndShortSecretsRefused() {
        assertThat(new SigningKey("k1", SECRET).toString()).doesNotContain(SECRET);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SigningKey("k1", "short"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    }
}
