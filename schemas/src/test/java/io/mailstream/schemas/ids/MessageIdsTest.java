package io.mailstream.schemas.ids;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.EmailAddress;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private static final String HEX_32 = "[0-9a-f]{32}";
    private static final EmailAddress ANN = EmailAddress.parse("ann@example.com");

    @Test
    void campaignIdIsPinnedSoRelaunchesAcrossReleasesDoNotMailTwice() {
        // first 16 bytes of SHA-256("campaign\0spring-sale\0ann@example.com"), computed with Python's hashlib
        assertThat(MessageIds.forCampaign("spring-sale", ANN)).isEqualTo("ae7b5989bfb4bf207716305545c7eeb7");
    }

    @Test
    void campaignIdIsDeterministic() {
        assertThat(MessageIds.forCampaign("c1", ANN)).isEqualTo(MessageIds.forCampaign("c1", EmailAddress.parse("ann@example.com")));
    }

    @Test
    void campaignIdIgnoresTheCaseOfTheAddress() {
        assertThat(MessageIds.forCampaign("c1", EmailAddress.parse("ANN@Example.COM"))).isEqualTo(MessageIds.forCampaign("c1", ANN));
    }

    @Test
    void campaignIdDiffersByCampaignAndByRecipient() {
        assertThat(MessageIds.forCampaign("c1", ANN)).isNotEqualTo(MessageIds.forCampaign("c2", ANN))
                .isNotEqualTo(MessageIds.forCampaign("c1", EmailAddress.parse("bob@example.com")));
    }

    @Test
    void idsAre32LowerCaseHexCharacters() {
        assertThat(MessageIds.forCampaign("c1", ANN)).matches(HEX_32);
        assertThat(MessageIds.forIdempotencyKey("key-1", "order-42")).matches(HEX_32);
        assertThat(MessageIds.random()).matches(HEX_32);
    }

    @Test
    void idempotencyKeyIdIsPinnedAndScopedToTheApiKey() {
        // first 16 bytes of SHA-256("tx\0key-1\0order-42"), computed with Python's hashlib
        assertThat(MessageIds.forIdempotencyKey("key-1", "order-42")).isEqualTo("db2af29df3d8eafbbae4f927817941e7")
                .isNotEqualTo(MessageIds.forIdempotencyKey("key-2", "order-42"));
    }

    @Test
    void campaignAndTransactionalIdsNeverCollideForTheSameStrings() {
        assertThat(MessageIds.forCampaign("k", ANN)).isNotEqualTo(MessageIds.forIdempotencyKey("k", "ann@example.com"));
    }

    @Test
    void randomIdsDiffer() {
        assertThat(MessageIds.random()).isNotEqualTo(MessageIds.random());
    }
}
