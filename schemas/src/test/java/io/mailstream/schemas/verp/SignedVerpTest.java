package io.mailstream.schemas.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedVerpTest {
    private static final Domain BOUNCE = Domain.of("bounce.acme.example");
    private static final String ID = MessageIds.forCampaign("c1", EmailAddress.parse("ann@example.org"));

    private static VerpKey key(String id, char fill) {
        return VerpKey.of(id, String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII), "test");
    }

    private final SignedVerp k1 = new SignedVerp(BOUNCE, new VerpKeys(List.of(key("k1", 'a'))));

    @Test
    void aReturnPathWeSignedShouldVerifyToItsMessageId() {
        EmailAddress rp = k1.returnPath(ID);

        assertThat(rp.localPart()).startsWith("bounces+" + ID + ".k1-").hasSizeLessThanOrEqualTo(64);
        assertThat(k1.check(rp)).isEqualTo(new VerpCheck.Signed(ID, "k1"));
        assertThat(SignedVerp.messageIdOf("<" + rp.asString() + ">")).contains(ID);
    }

    @Test
    void mailSignedWithTheOldKeyShouldStillVerifyAfterRotation() {
        EmailAddress signedBeforeRotation = k1.returnPath(ID);
        SignedVerp rotated = new SignedVerp(BOUNCE, new VerpKeys(List.of(key("k2", 'b'), key("k1", 'a'))));

        assertThat(rotated.returnPath(ID).localPart()).contains(".k2-");
        assertThat(rotated.check(signedBeforeRotation)).isEqualTo(new VerpCheck.Signed(ID, "k1"));
    }

    @Test
    void theSignatureOfOneMessageShouldNotVerifyAnother() {
        String other = MessageIds.forCampaign("c1", EmailAddress.parse("bob@example.org"));
        String mac = k1.returnPath(ID).localPart().substring(("bounces+" + ID + ".").length());

        EmailAddress forged = EmailAddress.parse("bounces+" + other + "." + mac + "@" + BOUNCE.asString());

        assertThat(k1.check(forged)).isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.BAD_SIGNATURE));
    }

    @Test
    void unsignedUnknownKeyAndForeignAddressesShouldBeRefusedWithTheirReason() {
        assertThat(k1.check(EmailAddress.parse("bounces+" + ID + "@bounce.acme.example")))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.UNSIGNED));
        assertThat(k1.check(EmailAddress.parse("bounces+" + ID + ".zz-aaaaaaaaaaaaaaaa@bounce.acme.example")))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.UNKNOWN_KEY));
        assertThat(k1.check(EmailAddress.parse("postmaster@bounce.acme.example")))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.NOT_VERP));
        assertThat(k1.check(new SignedVerp(Domain.of("other.example"), new VerpKeys(List.of(key("k1", 'a')))).returnPath(ID)))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.NOT_VERP));
    }

    @Test
    void anUnsubscribeAddressWeSignedShouldVerifyAsSuchAndAReturnPathSignatureShouldNotPassForOne() {
        EmailAddress unsubscribe = k1.unsubscribeAddress(ID);
        String verpMac = k1.returnPath(ID).localPart().substring(("bounces+" + ID + ".").length());

        assertThat(unsubscribe.localPart()).startsWith("unsubscribe+" + ID + ".k1-").hasSizeLessThanOrEqualTo(64);
        assertThat(k1.check(unsubscribe)).isEqualTo(new VerpCheck.Unsubscribe(ID, "k1"));
        assertThat(SignedVerp.unsubscribeMessageIdOf(unsubscribe.asString())).contains(ID);
        assertThat(SignedVerp.messageIdOf(unsubscribe.asString())).as("not a return path").isEmpty();
        assertThat(k1.check(EmailAddress.parse("unsubscribe+" + ID + "." + verpMac + "@" + BOUNCE.asString())))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.BAD_SIGNATURE));
        assertThat(k1.check(EmailAddress.parse("unsubscribe+" + ID + "@" + BOUNCE.asString())))
                .isEqualTo(new VerpCheck.Refused(VerpCheck.Reason.UNSIGNED));
    }

    @Test
    void aRelayThatUpperCasesTheLocalPartShouldNotBreakTheSignature() {
        String upper = k1.returnPath(ID).asString().toUpperCase(Locale.ROOT);
        String id = ID.toUpperCase(Locale.ROOT);

        // hex ids are lower case; the MAC is over the id as signed, so the id must come back as sent
        assertThat(k1.check(EmailAddress.parse(upper.replace(id, ID)))).isEqualTo(new VerpCheck.Signed(ID, "k1"));
    }

    @Test
    void keysShouldBeReadFromAFileOrTheEnvironmentAndRefuseWeakOrDuplicateOnes(@TempDir Path dir) throws Exception {
        String secret = Base64.getEncoder().encodeToString("x".repeat(32).getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("verp.keys");
        Files.writeString(file, "# newest first\nk2:" + secret + "\nk1:" + secret + "\n");

        assertThat(VerpKeys.load(Optional.of(file), Map.of()).signing().id()).isEqualTo("k2");
        assertThat(VerpKeys.load(Optional.empty(), Map.of(VerpKeys.ENV, "k9:" + secret)).signing().id()).isEqualTo("k9");
        assertThatThrownBy(() -> VerpKeys.load(Optional.empty(), Map.of()))
                .isInstanceOf(VerpKeyException.class).hasMessageContaining(VerpKeys.ENV).hasMessageContaining("--verp-keys");
        assertThatThrownBy(() -> VerpKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[8]), "env"))
                .isInstanceOf(VerpKeyException.class).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> VerpKeys.parse("k1:" + secret + ",k1:" + secret, "env"))
                .isInstanceOf(VerpKeyException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> VerpKeys.parse("k1:not base64!", "env"))
                .isInstanceOf(VerpKeyException.class).hasMessageContaining("base64");
        assertThat(VerpKeys.parse("k1:" + secret, "env").toString()).doesNotContain(secret);
    }
}
