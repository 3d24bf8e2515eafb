package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.VerpCheck;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {
    private final RecipientPolicy policy = new RecipientPolicy(RETURN_PATHS, Set.of(EmailAddress.parse("fbl@bounce.example.com")));

    @Test
    void signedVerpAddressOfTheBounceDomainShouldBeAcceptedWithItsMessageId() {
        String signed = RETURN_PATHS.returnPath("3f2a9c").asString();
        EmailAddress verp = EmailAddress.parse(signed.replace("bounces+", "Bounces+").replace("bounce.example.com", "BOUNCE.example.com"));

        assertThat(policy.accepts(verp)).isTrue();
        assertThat(policy.verpId(verp)).contains("3f2a9c");
    }

    @Test
    void feedbackLoopAddressShouldBeAcceptedWhateverItsCase() {
        assertThat(policy.accepts(EmailAddress.parse("FBL@bounce.example.com"))).isTrue();
    }

    @Test
    void unsignedAndBadlySignedReturnPathsShouldBeRefusedWithTheirReason() {
        String signed = RETURN_PATHS.returnPath("3f2a9c").asString();
        String otherMessage = signed.replace("3f2a9c", "3f2a9d");

        assertThat(policy.refusal(EmailAddress.parse("bounces+3f2a9c@bounce.example.com"))).contains(VerpCheck.Reason.UNSIGNED);
        assertThat(policy.refusal(EmailAddress.parse(otherMessage))).contains(VerpCheck.Reason.BAD_SIGNATURE);
        assertThat(policy.refusal(EmailAddress.parse(signed.replace(".t1-", ".k9-")))).contains(VerpCheck.Reason.UNKNOWN_KEY);
        assertThat(policy.verpId(EmailAddress.parse(otherMessage))).isEmpty();
    }

    @Test
    void otherAddressesShouldBeRefused() {
        assertThat(policy.accepts(EmailAddress.parse(RETURN_PATHS.returnPath("1").asString()
                .replace("bounce.example.com", "elsewhere.example.com")))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("bounces+@bounce.example.com"))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("postmaster@bounce.example.com"))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("fbl@example.com"))).isFalse();
        assertThat(policy.refusal(EmailAddress.parse("Postmaster@bounce.example.com".toLowerCase(Locale.ROOT))))
                .contains(VerpCheck.Reason.NOT_VERP);
    }
}
