package io.mailstream.bounces.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.bounces.BounceClassifier;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's tallies remember a bounded number of messages, however large the campaigns (issue 17). */
class RecentMessagesTest {
    private static final int BOUND = 1_000;

    @Test
    void talliesSharingABoundedMemoryShouldNeverHoldMoreMessagesThanTheBoundAndStillCountEveryOutcome() {
        BounceClassifier classifier = new BounceClassifier();
        RecentMessages memory = RecentMessages.bounded(BOUND);
        CampaignTally big = new CampaignTally("big", classifier, memory);
        CampaignTally other = new CampaignTally("other", classifier, memory);
        int sent = 50 * BOUND;

        int largest = 0;
        for (int i = 0; i < sent; i++) {
            DeliveryEvent deferred = event("b" + i, "big", Outcome.DEFERRED);
            big.accept(deferred);
            other.accept(deferred);
            DeliveryEvent delivered = event("b" + i, "big", Outcome.DELIVERED);
            big.accept(delivered);
            other.accept(delivered);
            if (i % 10 == 0) {
                other.accept(event("o" + i, "other", Outcome.BOUNCED));
            }
            largest = Math.max(largest, memory.size());
        }

        assertThat(largest).isEqualTo(BOUND);
        assertThat(memory.forgotten()).isEqualTo(sent + sent / 10 - BOUND);
        assertThat(big.stats().delivered()).isEqualTo(sent);
        assertThat(big.stats().deferred()).isEqualTo(sent);
        assertThat(other.stats().bounced()).isEqualTo(sent / 10);
        assertThat(other.stats().delivered()).isZero();
    }

    @Test
    void reportsAboutRememberedMessagesShouldCountAndAboutForgottenOnesNot() {
        RecentMessages memory = RecentMessages.bounded(2);
        CampaignTally tally = new CampaignTally("c", new BounceClassifier(), memory);
        tally.accept(event("m1", "c", Outcome.DELIVERED));
        tally.accept(event("m2", "c", Outcome.DELIVERED));
        tally.accept(event("m3", "c", Outcome.DELIVERED)); // m1 is forgotten

        tally.acceptComplaint("m1");
        tally.acceptComplaint("m3");
        tally.acceptReceivedBounce("m1", "m1@example.org", "userunknown");
        tally.acceptReceivedBounce("m2", "m2@example.org", "userunknown");
        tally.acceptReceivedBounce("m2", "m2@example.org", "userunknown"); // the ledger still counts it once

        CampaignStats s = tally.stats();
        assertThat(s.complaints()).isEqualTo(1);
        assertThat(s.bounced()).isEqualTo(1);
        assertThat(s.delivered()).isEqualTo(2);
        assertThat(memory.size()).isEqualTo(2);
    }

    @Test
    void engagementKeysShouldBeBoundedToo() {
        Set<String> keys = RecentKeys.bounded(10);
        for (int i = 0; i < 1_000; i++) {
            keys.add("m" + i);
        }
        assertThat(keys).hasSize(10).contains("m999").doesNotContain("m0");
    }

    @Test
    void aMemoryOfNothingShouldBeRefused() {
        assertThatThrownBy(() -> RecentMessages.bounded(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecentKeys.bounded(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static DeliveryEvent event(String id, String campaign, Outcome outcome) {
        int code = switch (outcome) {
            case DELIVERED -> 250;
            case DEFERRED -> 451;
            default -> 550;
        };
        String status = code == 250 ? "2.0.0" : code == 451 ? "4.2.1" : "5.1.1";
        return DeliveryEvent.newBuilder().setMessageId(id).setCampaignId(campaign).setRecipient(id + "@example.org")
                .setOutcome(outcome).setSmtpReplyCode(code).setEnhancedStatusCode(status).setReplyText("reply")
                .setTimestamp(Instant.EPOCH).setDispatcherId("d").build();
    }
}
