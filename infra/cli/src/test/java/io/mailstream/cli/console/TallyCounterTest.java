package io.mailstream.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.stats.RecentKeys;
import io.mailstream.bounces.stats.RecentMessages;
import io.mailstream.console.state.ProviderCount;
import io.mailstream.console.state.WindowedCounts;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TallyCounterTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private final TallyCounter counter = new TallyCounter("c1", new BounceClassifier(), RecentMessages.unbounded(),
            RecentKeys.bounded(1000), Duration.ofHours(1));
    private int next;

    @Test
    void theGuardsRatesShouldCountOnlyTheLastWindowOfTheCampaignsEventsWhileTheTotalsCountEverything() {
        for (int i = 0; i < 90; i++) {
            event(T0.plusSeconds(i), Outcome.DELIVERED, 250, "2.0.0", "250 ok");
        }
        // two hours later the list turns bad: 10 delivered, 10 unknown users, within the last hour
        Instant later = T0.plus(Duration.ofHours(2));
        for (int i = 0; i < 10; i++) {
            event(later.plusSeconds(i), Outcome.DELIVERED, 250, "2.0.0", "250 ok");
            event(later.plusSeconds(i), Outcome.BOUNCED, 550, "5.1.1", "550 5.1.1 user unknown");
        }
        counter.acceptComplaint("m1"); // one of the first hour's messages, read now: the guard counts it now too

        ProviderCount total = counter.counts().byProvider().get("google");
        WindowedCounts windowed = counter.windowed();
        ProviderCount lastHour = windowed.byProvider().get("google");

        assertThat(windowed.window()).isEqualTo(Duration.ofHours(1));
        assertThat(total.delivered()).isEqualTo(100);
        assertThat(total.hardBounceRate()).isEqualTo(10 / 110.0);
        assertThat(lastHour.delivered()).isEqualTo(10);
        assertThat(lastHour.bounced()).isEqualTo(10);
        assertThat(lastHour.hardBounceRate()).isEqualTo(0.5);
        assertThat(lastHour.complaints()).isEqualTo(1);
    }

    @Test
    void eventsOfOneHourShouldAllBeInsideTheWindow() {
        for (int i = 0; i < 20; i++) {
            event(T0.plus(Duration.ofMinutes(3L * i)), i % 4 == 0 ? Outcome.BOUNCED : Outcome.DELIVERED, i % 4 == 0 ? 550 : 250,
                    i % 4 == 0 ? "5.1.1" : "2.0.0", i % 4 == 0 ? "550 5.1.1 user unknown" : "250 ok");
        }

        assertThat(counter.windowed().byProvider().get("google")).isEqualTo(counter.counts().byProvider().get("google"));
    }

    private void event(Instant at, Outcome outcome, int code, String status, String text) {
        next++;
        counter.accept(DeliveryEvent.newBuilder().setMessageId("m" + next).setCampaignId("c1").setRecipient("r" + next + "@gmail.com")
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(text).setAttempt(1)
                .setTimestamp(at).setDispatcherId("d1").build());
    }
}
