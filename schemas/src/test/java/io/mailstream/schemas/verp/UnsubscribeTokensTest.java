package io.mailstream.schemas.verp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
    private static VerpKey key(String id, char fill) {
        return VerpKey.of(id, String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII), "test");
    }

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(new VerpKeys(List.of(key("k1", 'a'))));
    private final UnsubscribeTokens.Claim claim =
            new UnsubscribeTokens.Claim("m1", EmailAddress.parse("Ann@Example.org"), Optional.of("spring-news"));

    @Test
    void aTokenWeSignedShouldVerifyToItsMessageRecipientAndCampaign() {
        String token = tokens.sign(claim);

        assertThat(token).matches("[A-Za-z0-9._-]+");
        assertThat(tokens.verify(token)).hasValueSatisfying(c -> {
            assertThat(c.messageId()).isEqualTo("m1");
            assertThat(c.recipient().normalized()).isEqualTo("ann@example.org");
            assertThat(c.campaignId()).contains("spring-news");
            assertThat(c.listId()).as("a token made without a list, as before lists existed").isEmpty();
        });
    }

    @Test
    void aTokenShouldCarryTheListOfTheMessagesCampaignUnderItsSignature() {
        String token = tokens.sign(new UnsubscribeTokens.Claim("m2", EmailAddress.parse("ann@example.org"),
                Optional.of("spring-news"), Optional.of("newsletter")));
        String[] parts = token.split("\\.");
        String otherList = tokens.sign(new UnsubscribeTokens.Claim("m2", EmailAddress.parse("ann@example.org"),
                Optional.of("spring-news"), Optional.of("offers"))).split("\\.")[1];

        assertThat(tokens.verify(token)).map(UnsubscribeTokens.Claim::listId).contains(Optional.of("newsletter"));
        assertThat(tokens.verify(parts[0] + "." + otherList + "." + parts[2])).as("another list under this MAC").isEmpty();
    }

    @Test
    void forgedAlteredTruncatedOrForeignTokensShouldNotVerify() {
        String token = tokens.sign(claim);
        String[] parts = token.split("\\.");
        String otherPayload = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("bob@example.org"), Optional.empty()))
                .split("\\.")[1];

        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).as("another recipient under this MAC").isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1))).as("truncated").isEmpty();
        assertThat(tokens.verify(parts[0] + "." + parts[1])).as("no MAC").isEmpty();
        assertThat(tokens.verify("zz." + parts[1] + "." + parts[2])).as("unknown key").isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(new UnsubscribeTokens(new VerpKeys(List.of(key("k1", 'b')))).verify(token)).as("another key").isEmpty();
        String verpMac = new SignedVerp(Domain.of("b.example"), new VerpKeys(List.of(key("k1", 'a')))).returnPath("m1")
                .localPart().substring("bounces+m1.k1-".length());
        assertThat(tokens.verify(parts[0] + "." + parts[1] + "." + verpMac)).as("a VERP signature is no token").isEmpty();
    }

    @Test
    void aTokenSignedWithTheOldKeyShouldStillVerifyAfterRotation() {
        String token = tokens.sign(claim);

        assertThat(new UnsubscribeTokens(new VerpKeys(List.of(key("k2", 'c'), key("k1", 'a')))).verify(token)).isPresent();
    }
}
