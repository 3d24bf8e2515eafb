package io.mailstream.schemas.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingTokensTest {
    private static final Instant SENT = Instant.parse("2026-12-03T10:00:00Z");
    private final VerpKeys keys = VerpKeys.generate("k1");
    private final TrackingTokens tokens = new TrackingTokens(keys);
    private final TrackingTokens.Click click = new TrackingTokens.Click("m1", Optional.of("c1"), Optional.of("acme"), SENT, 2,
            URI.create("https://shop.example.com/sale?a=1&b=%C3%A9#top"));

    @Test
    void aSignedClickShouldVerifyToTheSameClaim() {
        assertThat(tokens.verify(tokens.sign(click))).contains(click);
    }

    @Test
    void aSignedOpenShouldVerifyToTheSameClaim() {
        var open = new TrackingTokens.Open("m1", Optional.empty(), Optional.empty(), SENT);
        assertThat(tokens.verify(tokens.sign(open))).contains(open);
    }

    @Test
    void aTokenWithAnotherUrlShouldBeRefused() {
        String token = tokens.sign(click);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("https://shop.example.com", "https://evil.example.net");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(tokens.verify(altered)).isEmpty();
    }

    @Test
    void forgedTruncatedOrForeignTokensShouldBeRefused() {
        String token = tokens.sign(click);
        TrackingTokens other = new TrackingTokens(VerpKeys.generate("k1"));
        for (String bad : List.of("", "k1", "k1..", token.substring(0, token.length() - 1), token + "a",
                "k9" + token.substring(2), other.sign(click), "x".repeat(TrackingTokens.MAX_TOKEN_CHARS + 1))) {
            assertThat(tokens.verify(bad)).as(bad.length() > 40 ? bad.substring(0, 40) : bad).isEmpty();
        }
    }

    @Test
    void aRotatedKeyShouldStillVerifyTokensOfTheOldOne() {
        String token = tokens.sign(click);
        VerpKeys rotated = new VerpKeys(List.of(VerpKeys.generate("k2").signing(), keys.signing()));
        assertThat(new TrackingTokens(rotated).verify(token)).contains(click);
    }

    @Test
    void onlyAbsoluteHttpUrlsShouldBeTracked() {
        assertThatThrownBy(() -> new TrackingTokens.Click("m1", Optional.empty(), Optional.empty(), SENT, 0, URI.create("javascript:alert(1)")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackingTokens.Click("m1", Optional.empty(), Optional.empty(), SENT, 0, URI.create("/relative")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
