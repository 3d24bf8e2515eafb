package io.mailstream.cli.console;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.CampaignTally;
import io.mailstream.console.state.CampaignCounter;
import io.mailstream.console.state.CampaignCounts;

/** The console's campaign counter: the bounce processor's {@link CampaignTally}, as {@code campaign status} counts. */
final class TallyCounter implements CampaignCounter {
    private final CampaignTally tally;

    TallyCounter(String campaignId, BounceClassifier classifier) {
        this.tally = new CampaignTally(campaignId, classifier);
    }

    @Override
    public void accept(DeliveryEvent event) {
        tally.accept(event);
    }

    @Override
    public void acceptComplaint(String messageId) {
        tally.acceptComplaint(messageId);
    }

    @Override
    public void acceptReceivedBounce(String messageId, String recipient, String reason) {
        tally.acceptReceivedBounce(messageId, recipient, reason);
    }

    @Override
    public void acceptReceivedDelay(String messageId) {
        tally.acceptReceivedDelay(messageId);
    }

    @Override
    public CampaignCounts counts() {
        CampaignStats s = tally.stats();
        return new CampaignCounts(s.delivered(), s.deferred(), s.bounced(), s.expired(), s.suppressed(), s.rejected(),
                s.cancelled(), s.complaints(), s.bouncedByReason());
    }
}
