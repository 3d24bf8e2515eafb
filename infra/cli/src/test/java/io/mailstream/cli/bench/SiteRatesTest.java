package io.mailstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.cli.demo.DomainMix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRatesTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    private static DeliveryEvent event(String recipient, Outcome outcome, Instant at) {
        return DeliveryEvent.newBuilder().setMessageId(recipient + at).setCampaignId("c").setRecipient(recipient)
                .setOutcome(outcome).setTimestamp(at).setDispatcherId("d").build();
    }

    @Test
    void deliveredMessagesInTheTimedWindowShouldBeCountedPerSiteBusiestFirst() {
        List<DeliveryEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event("u" + i + "@gmail.test", Outcome.DELIVERED, T0.plusMillis(i * 100L)));
        }
        for (int i = 0; i < 10; i++) {
            events.add(event("u" + i + "@Outlook.test", Outcome.DELIVERED, T0.plusMillis(i * 100L)));
            events.add(event("v" + i + "@hotmail.test", Outcome.DELIVERED, T0.plusMillis(i * 100L)));
            events.add(event("u" + i + "@tail-00" + (i % 9 + 1) + ".test", Outcome.DELIVERED, T0.plusMillis(i * 100L)));
        }
        events.add(event("late@gmail.test", Outcome.DELIVERED, T0.plusSeconds(4))); // after the window
        events.add(event("early@gmail.test", Outcome.DELIVERED, T0.minusMillis(1))); // warm-up
        events.add(event("bounced@gmail.test", Outcome.BOUNCED, T0.plusSeconds(1)));

        SiteRates rates = SiteRates.of(events, T0, T0.plusSeconds(4), DomainMix.named("domains")::siteOf);

        assertThat(rates.perSecond().keySet()).containsExactly("google", "microsoft", "long tail (992 domains)");
        assertThat(rates.perSecond().get("google")).isCloseTo(10.0, within(1e-9));
        assertThat(rates.perSecond().get("microsoft")).isCloseTo(5.0, within(1e-9));
        assertThat(rates.perSecond().get("long tail (992 domains)")).isCloseTo(2.5, within(1e-9));
        assertThat(rates.toJson()).isEqualTo("{\"google\":10.0,\"microsoft\":5.0,\"long tail (992 domains)\":2.5}");
    }

    @Test
    void theUniformWorkloadShouldCountEachDomainAsItsOwnSite() {
        SiteRates rates = SiteRates.of(List.of(event("a@example.com", Outcome.DELIVERED, T0)), T0, T0.plusSeconds(1),
                DomainMix.named("uniform")::siteOf);
        assertThat(rates.perSecond()).containsOnlyKeys("example.com");
    }
}
