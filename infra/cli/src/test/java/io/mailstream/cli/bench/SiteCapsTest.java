package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DomainMix;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code bench delivery --site-cap}: the check of each capped site's rate and peak second, and the bench's site routing. */
class SiteCapsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final DomainMix.Skewed MIX = (DomainMix.Skewed) DomainMix.named("domains");

    private static DeliveryEvent event(String recipient, Outcome outcome, Instant at) {
        return DeliveryEvent.newBuilder().setMessageId(recipient + at).setCampaignId("c").setRecipient(recipient)
                .setOutcome(outcome).setTimestamp(at).setDispatcherId("d").build();
    }

    @Test
    void anEvenlyPacedSiteShouldHoldAndABurstShouldBreakItsCap() {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // 10/s for 10 s, evenly spaced
            events.add(event("u" + i + "@tail-" + String.format("%03d", 1 + i % 900) + ".test", Outcome.DELIVERED, T0.plusMillis(i * 100L)));
        }
        for (int i = 0; i < 30; i++) { // 30 within 300 ms: a burst over a cap of 10
            events.add(event("g" + i + "@gmail.test", Outcome.DELIVERED, T0.plusMillis(5_000 + i * 10L)));
        }
        events.add(event("x@gmail.test", Outcome.BOUNCED, T0.plusMillis(5_000)));
        List<SiteCaps.Check> checks = SiteCaps.check(events, T0, T0.plusSeconds(10), d -> BenchSites.siteOf(MIX, d),
                Map.of("tail", 10, "google", 10));

        SiteCaps.Check tail = checks.stream().filter(c -> c.site().equals("tail")).findFirst().orElseThrow();
        assertThat(tail.rate()).isEqualTo(10.0);
        assertThat(tail.peakInOneSecond()).isEqualTo(10);
        assertThat(tail.holds()).isTrue();
        SiteCaps.Check google = checks.stream().filter(c -> c.site().equals("google")).findFirst().orElseThrow();
        assertThat(google.peakInOneSecond()).isEqualTo(30);
        assertThat(google.holds()).isFalse();
        assertThat(SiteCaps.toJson(checks)).contains("\"site\":\"google\"", "\"holds\":false");
    }

    @Test
    void arrivalsAtTheSinkOutsideTheTimedWindowShouldNotCount() {
        List<SiteCaps.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            arrivals.add(new SiteCaps.Arrival("u" + i + "@outlook.test", T0.plusMillis(i * 100L)));
        }
        arrivals.add(new SiteCaps.Arrival("early@hotmail.test", T0.minusMillis(1)));
        SiteCaps.Check microsoft = SiteCaps.checkArrivals(arrivals, T0, T0.plusSeconds(2), d -> BenchSites.siteOf(MIX, d),
                Map.of("microsoft", 10)).getFirst();
        assertThat(microsoft.rate()).isEqualTo(6.0);
        assertThat(microsoft.peakInOneSecond()).isEqualTo(10);
        assertThat(microsoft.holds()).isTrue();
        arrivals.add(new SiteCaps.Arrival("late@hotmail.test", T0.plusMillis(950)));
        arrivals.add(new SiteCaps.Arrival("later@hotmail.test", T0.plusMillis(960)));
        assertThat(SiteCaps.checkArrivals(arrivals, T0, T0.plusSeconds(2), d -> BenchSites.siteOf(MIX, d), Map.of("microsoft", 10))
                .getFirst().holds()).as("12 in one second against 10, beyond the 10 % allowed").isFalse();
    }

    @Test
    void thePeakShouldCountAHalfOpenSecond() {
        assertThat(SiteCaps.peak(List.of(0L, 500_000_000L, 999_999_999L, 1_000_000_000L))).isEqualTo(3);
        assertThat(SiteCaps.peak(List.of())).isZero();
    }

    @Test
    void theBenchShouldRouteTheStandInProvidersAndTheLongTailBySite() {
        try (SiteResolver sites = BenchSites.resolver(MIX)) {
            assertThat(sites.routingKey(EmailAddress.parse("a@gmail.test"), DomainShards.NONE).asString()).isEqualTo("site:google");
            assertThat(sites.routingKey(EmailAddress.parse("a@hotmail.test"), DomainShards.NONE).asString()).isEqualTo("site:microsoft");
            assertThat(sites.routingKey(EmailAddress.parse("a@tail-417.test"), DomainShards.NONE).asString()).isEqualTo("site:tail");
        }
        assertThat(BenchSites.sites(MIX).get("tail")).hasSize(992);
        assertThat(BenchSites.policies(Map.of("tail", 300), 16)).containsEntry("policy.tail.sites", "tail")
                .containsEntry("policy.tail.max-per-second", "300").containsEntry("policy.tail.max-connections", "16");
    }
}
