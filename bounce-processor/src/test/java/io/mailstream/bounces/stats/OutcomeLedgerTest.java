package io.mailstream.bounces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.stats.CampaignEvent.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeLedgerTest {

    @Test
    void entriesShouldSurviveTheirStoreFormAndOldEntriesShouldStillDecode() {
        OutcomeLedger.Entry delivered = OutcomeLedger.apply(null, OutcomeNotice.of(new CampaignEvent("c1", Type.DELIVERED, null))).next();
        OutcomeLedger.Entry pending = OutcomeLedger.apply(null, OutcomeNotice.receivedBounce("userunknown")).next();

        assertThat(OutcomeLedger.Entry.decode(delivered.encode())).isEqualTo(delivered);
        assertThat(OutcomeLedger.Entry.decode(pending.encode())).isEqualTo(pending);
        assertThat(pending.isPending()).isTrue();
        // FirstTerminalOutcome stored the bare campaign id: the message stays as counted, a DSN does not move it
        OutcomeLedger.Entry old = OutcomeLedger.Entry.decode("c1");
        assertThat(old.campaignId()).isEqualTo("c1");
        assertThat(OutcomeLedger.apply(old, OutcomeNotice.receivedBounce("userunknown")).counted()).isEmpty();
        assertThat(OutcomeLedger.apply(old, OutcomeNotice.of(new CampaignEvent("c1", Type.DELIVERED, null))).counted()).isEmpty();
    }

    @Test
    void delaysReadBeforeTheDeliveryEventShouldCountAsTheyWouldAfterIt() {
        OutcomeNotice delivered = OutcomeNotice.of(new CampaignEvent("c1", Type.DELIVERED, null, "google"));
        List<CampaignEvent> deliveredThenDelayed = replay(List.of(delivered, OutcomeNotice.receivedDelay(), OutcomeNotice.receivedDelay()));
        List<CampaignEvent> delayedThenDelivered = replay(List.of(OutcomeNotice.receivedDelay(), OutcomeNotice.receivedDelay(), delivered));
        List<CampaignEvent> delayedBouncedDelivered = replay(List.of(OutcomeNotice.receivedDelay(),
                OutcomeNotice.receivedBounce("mailboxfull"), delivered));

        assertThat(delayedThenDelivered).containsExactlyInAnyOrderElementsOf(deliveredThenDelayed)
                .containsExactlyInAnyOrder(new CampaignEvent("c1", Type.DELIVERED, null, "google"),
                        new CampaignEvent("c1", Type.DEFERRED, null, "google"), new CampaignEvent("c1", Type.DEFERRED, null, "google"));
        assertThat(delayedBouncedDelivered).containsExactly(new CampaignEvent("c1", Type.BOUNCED, "mailboxfull", "google"),
                new CampaignEvent("c1", Type.DEFERRED, null, "google"));
        assertThat(replay(List.of(OutcomeNotice.receivedDelay(), OutcomeNotice.of(new CampaignEvent("c1", Type.EXPIRED, "expired")))))
                .as("a delay counts only for a message a relay accepted").containsExactly(new CampaignEvent("c1", Type.EXPIRED, "expired"));
    }

    @Test
    void pendingDelaysShouldSurviveTheirStoreForm() {
        OutcomeLedger.Entry delays = OutcomeLedger.apply(OutcomeLedger.apply(null, OutcomeNotice.receivedDelay()).next(),
                OutcomeNotice.receivedDelay()).next();
        OutcomeLedger.Entry delaysAndBounce = OutcomeLedger.apply(delays, OutcomeNotice.receivedBounce("userunknown")).next();

        assertThat(delays.pendingDelays()).isEqualTo(2);
        assertThat(OutcomeLedger.Entry.decode(delays.encode())).isEqualTo(delays);
        assertThat(delaysAndBounce.pendingReason()).isEqualTo("userunknown");
        assertThat(OutcomeLedger.Entry.decode(delaysAndBounce.encode())).isEqualTo(delaysAndBounce);
        assertThat(OutcomeLedger.Entry.decode("\u0000P\u0000userunknown")).as("written before delays were held")
                .isEqualTo(OutcomeLedger.apply(null, OutcomeNotice.receivedBounce("userunknown")).next());
    }

    private static List<CampaignEvent> replay(List<OutcomeNotice> notices) {
        OutcomeLedger.Entry entry = null;
        List<CampaignEvent> counted = new ArrayList<>();
        for (OutcomeNotice n : notices) {
            OutcomeLedger.Step step = OutcomeLedger.apply(entry, n);
            entry = step.next() != null ? step.next() : entry;
            counted.addAll(step.counted());
        }
        return counted;
    }

    @Test
    void aPendingBounceShouldNotTurnAnExpiredMessageIntoABounce() {
        OutcomeLedger.Entry pending = OutcomeLedger.apply(null, OutcomeNotice.receivedBounce("userunknown")).next();

        OutcomeLedger.Step step = OutcomeLedger.apply(pending, OutcomeNotice.of(new CampaignEvent("c1", Type.EXPIRED, "expired")));

        assertThat(step.counted()).containsExactly(new CampaignEvent("c1", Type.EXPIRED, "expired"));
        assertThat(step.next().counted()).isEqualTo(Type.EXPIRED);
    }

    @Test
    void statsShouldMoveALateBounceFromDeliveredToBouncedWithoutChangingTheFinishedCount() {
        CampaignStats s = CampaignStats.empty("c1").plus(new CampaignEvent("c1", Type.DELIVERED, null))
                .plus(new CampaignEvent("c1", Type.BOUNCED_AFTER_DELIVERY, "userunknown"));

        assertThat(s.delivered()).isZero();
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.bouncedAfterDelivery()).isEqualTo(1);
        assertThat(s.finishedMessages()).isEqualTo(1);
    }
}
