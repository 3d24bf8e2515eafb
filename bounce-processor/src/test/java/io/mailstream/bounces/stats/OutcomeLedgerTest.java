package io.mailstream.bounces.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.stats.CampaignEvent.Type;
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
