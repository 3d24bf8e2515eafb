package io.mailstream.cli.console;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.CampaignTally;
import io.mailstream.bounces.stats.EngagementStats;
import io.mailstream.bounces.stats.EngagementTally;
import io.mailstream.bounces.stats.RecentMessages;
import io.mailstream.console.state.CampaignCounter;
import io.mailstream.console.state.CampaignCounts;
import io.mailstream.console.state.EngagementCounts;
import io.mailstream.console.state.ProviderCount;
import io.mailstream.console.state.WindowedCounts;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console's campaign counter: the bounce processor's {@link CampaignTally} and
 * {@link EngagementTally}, as {@code campaign status} counts, remembering messages and engagement
 * keys in memories every campaign of the console shares and bounds.
 */
final class TallyCounter implements CampaignCounter {
    private final String campaignId;
    private final CampaignTally tally;
    private final EngagementTally engagement;
    private final WindowedProviderCounts windows;

    TallyCounter(String campaignId, BounceClassifier classifier, RecentMessages messages, Set<String> engagementKeys,
                 Duration guardWindow) {
        this.campaignId = campaignId;
        this.tally = new CampaignTally(campaignId, classifier, messages);
        this.engagement = new EngagementTally(campaignId, engagementKeys);
        this.windows = new WindowedProviderCounts(guardWindow);
    }

    @Override
    public void accept(DeliveryEvent event) {
        if (campaignId.equals(event.getCampaignId())) {
            windows.beforeUpdate(event.getTimestamp().toEpochMilli(), () -> tally.stats().byProvider());
        }
        tally.accept(event);
    }

    @Override
    public boolean knows(String messageId) {
        return tally.recipientOf(messageId).isPresent();
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
    public void acceptEngagement(EngagementEvent event) {
        engagement.accept(event);
    }

    @Override
    public CampaignCounts counts() {
        CampaignStats s = tally.stats();
        Map<String, ProviderCount> providers = new TreeMap<>();
        s.byProvider().forEach((p, c) -> providers.put(p, new ProviderCount(c.delivered(), c.bounced(), c.expired(), c.complaints())));
        return new CampaignCounts(s.delivered(), s.deferred(), s.bounced(), s.expired(), s.suppressed(), s.rejected(),
                s.cancelled(), s.complaints(), s.bouncedByReason(), providers);
    }

    @Override
    public WindowedCounts windowed() {
        Map<String, ProviderCount> providers = new TreeMap<>();
        windows.within(tally.stats().byProvider()).forEach((p, c) ->
                providers.put(p, new ProviderCount(c.delivered(), c.bounced(), c.expired(), c.complaints())));
        return new WindowedCounts(windows.window(), providers);
    }

    @Override
    public EngagementCounts engagement() {
        EngagementStats e = engagement.stats();
        return new EngagementCounts(e.clicks(), e.uniqueClicks(), e.opens(), e.uniqueOpens(), e.machineClicks(), e.machineOpens(),
                e.links().values().stream().map(l -> new EngagementCounts.LinkCount(l.index(), l.url(), l.clicks(), l.uniqueClicks()))
                        .sorted(java.util.Comparator.comparingInt(EngagementCounts.LinkCount::index)).toList());
    }
}
