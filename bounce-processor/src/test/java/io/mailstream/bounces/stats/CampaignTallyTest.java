package io.mailstream.bounces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceClassifier;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignTallyTest {

    @Test
    void shouldCountOnlyItsCampaignAndComplaintsAboutItsMessages() {
        CampaignTally tally = new CampaignTally("c1", new BounceClassifier());
        tally.accept(event("m1", "c1", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.accept(event("m2", "c1", Outcome.EXPIRED, 451, "4.2.2", "mailbox full"));
        tally.accept(event("m3", "c2", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.accept(event("m4", null, Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.acceptComplaint("m1");
        tally.acceptComplaint("m3");

        CampaignStats s = tally.stats();
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.expired()).isEqualTo(1);
        assertThat(s.bouncedByReason()).isEqualTo(Map.of("mailboxfull", 1L));
        assertThat(s.complaints()).isEqualTo(1);
    }

    @Test
    void aDsnAfterDeliveryShouldMoveTheMessageToBouncedOnceAndOnlyForItsOwnRecipient() {
        CampaignTally tally = new CampaignTally("c1", new BounceClassifier());
        tally.accept(event("m1", "c1", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.accept(event("m2", "c1", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.accept(event("m3", "c2", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.acceptReceivedBounce("m1", "M1@Example.org", "userunknown");
        tally.acceptReceivedBounce("m1", "m1@example.org", "userunknown"); // the same DSN again
        tally.acceptReceivedBounce("m2", "someone-else@example.org", "userunknown"); // not m2's recipient
        tally.acceptReceivedBounce("m3", "m3@example.org", "userunknown"); // another campaign's message
        tally.acceptReceivedBounce("m9", "m9@example.org", "userunknown"); // unknown message

        CampaignStats s = tally.stats();
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedAfterDelivery()).isEqualTo(1);
        assertThat(s.bouncedByReason()).isEqualTo(Map.of("userunknown", 1L));
        assertThat(s.finishedMessages()).isEqualTo(2);
    }

    @Test
    void aDelayedDsnShouldCountADeferralOfADeliveredMessageOnly() {
        CampaignTally tally = new CampaignTally("c1", new BounceClassifier());
        tally.accept(event("m1", "c1", Outcome.DELIVERED, 250, "2.0.0", "ok"));
        tally.accept(event("m2", "c1", Outcome.BOUNCED, 550, "5.1.1", "user unknown"));
        tally.acceptReceivedDelay("m1");
        tally.acceptReceivedDelay("m2");
        tally.acceptReceivedDelay("m9");

        CampaignStats s = tally.stats();
        assertThat(s.deferred()).isEqualTo(1);
        assertThat(s.delivered()).isEqualTo(1);
        assertThat(s.bounced()).isEqualTo(1);
    }

    private static DeliveryEvent event(String id, String campaign, Outcome outcome, int code, String status, String text) {
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId(campaign).setRecipient(id + "@example.org")
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText(text)
                .setTimestamp(Instant.EPOCH).setDispatcherId("d").build();
    }
}
