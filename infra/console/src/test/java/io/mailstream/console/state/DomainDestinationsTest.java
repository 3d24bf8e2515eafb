package io.mailstream.console.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.AdaptiveState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which routing targets and hosts a domain is matched to: its own name, its provider's site and what its MX hosts say. */
class DomainDestinationsTest {
    private static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

    private final PipelineState state = new PipelineState(Clock.fixed(NOW, ZoneOffset.UTC), SimpleCounting.counting());

    @Test
    void aDomainRolledUpByItsMxHostShouldShowTheAdaptiveStateOfItsMxSite() {
        state.acceptEvent(delivered("m1", "a@shop.test", "MX1.Hosting.Test."));
        state.acceptEvent(delivered("m2", "b@other.test", null));
        // a 421 from the hosting MX slowed its rollup site, which launch --mx-lookup named by that host
        state.acceptThrottle("default|site:mx1.hosting.test", AdaptiveState.newBuilder().setPolicy("default")
                .setTarget("site:mx1.hosting.test").setFactor(0.5).setSuspendedUntil(NOW.minusSeconds(60)).setUpdatedAt(NOW).build());

        DomainRow shop = state.domain("shop.test").orElseThrow();
        assertThat(shop.adaptive(NOW)).isEqualTo("slowed");
        assertThat(shop.rateFactor()).contains(0.5);
        assertThat(shop.destinations().targets()).containsExactly("shop.test", "site:shop.test", "site:mx1.hosting.test");
        assertThat(shop.destinations().hosts()).containsExactly("mx1.hosting.test", "shop.test");
        assertThat(state.domain("other.test").orElseThrow().adaptive(NOW)).as("a domain of other MX hosts").isEqualTo("normal");
    }

    @Test
    void aProvidersOwnDomainAndACustomerDomainOnItsMxHostsShouldShareItsSite() {
        state.acceptEvent(delivered("m1", "a@gmail.com", "gmail-smtp-in.l.google.com"));
        state.acceptEvent(delivered("m2", "b@corp.example", "aspmx.l.google.com"));

        assertThat(state.domain("gmail.com").orElseThrow().destinations().targets()).contains("site:google");
        assertThat(state.domain("corp.example").orElseThrow().destinations().targets())
                .containsSubsequence("corp.example", "site:google", "site:aspmx.l.google.com");
    }

    @Test
    void aDomainShouldRememberItsLatestMxHostsFirstAndOnlyAFew() {
        for (int i = 0; i < DomainEntry.MAX_HOSTS + 2; i++) {
            state.acceptEvent(delivered("m" + i, "a@shop.test", "mx" + i + ".hosting.test"));
        }
        state.acceptEvent(delivered("again", "a@shop.test", "mx5.hosting.test"));

        List<String> hosts = state.domain("shop.test").orElseThrow().destinations().hosts();
        assertThat(hosts).hasSize(DomainEntry.MAX_HOSTS + 1).startsWith("mx5.hosting.test", "mx9.hosting.test", "mx8.hosting.test")
                .doesNotContain("mx0.hosting.test", "mx1.hosting.test").endsWith("shop.test");
    }

    private static DeliveryEvent delivered(String id, String to, String host) {
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId("c").setRecipient(to).setOutcome(Outcome.DELIVERED)
                .setSmtpReplyCode(250).setReplyText("ok").setRemoteHost(host).setAttempt(1).setTimestamp(NOW)
                .setDispatcherId("d1").build();
    }
}
