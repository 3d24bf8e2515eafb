package io.mailstream.bounces.receive;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecipientPolicyTest {
    private final RecipientPolicy policy = new RecipientPolicy(Domain.of("bounce.example.com"),
            Set.of(EmailAddress.parse("fbl@bounce.example.com")));

    @Test
    void verpAddressOfTheBounceDomainShouldBeAcceptedWithItsMessageId() {
        EmailAddress verp = EmailAddress.parse("Bounces+3f2a9c@BOUNCE.example.com");

        assertThat(policy.accepts(verp)).isTrue();
        assertThat(policy.verpId(verp)).contains("3f2a9c");
    }

    @Test
    void feedbackLoopAddressShouldBeAcceptedWhateverItsCase() {
        assertThat(policy.accepts(EmailAddress.parse("FBL@bounce.example.com"))).isTrue();
    }

    @Test
    void otherAddressesShouldBeRefused() {
        assertThat(policy.accepts(EmailAddress.parse("bounces+1@elsewhere.example.com"))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("bounces+@bounce.example.com"))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("postmaster@bounce.example.com"))).isFalse();
        assertThat(policy.accepts(EmailAddress.parse("fbl@example.com"))).isFalse();
    }
}
