package io.mailstream.bounces.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * What recipients did with one campaign's mail (issue 18). Human events only in {@code clicks} and
 * {@code opens}; a unique count is the number of messages with at least one. Machine events
 * (Apple Mail Privacy Protection's prefetch, security scanners; see the tracking module) are counted
 * apart, so open rates are not inflated by them.
 *
 * @param links clicks per link, keyed by the link's position ({@code "0"}, {@code "1"} …)
 */
public record EngagementStats(String campaignId, long clicks, long uniqueClicks, long opens, long uniqueOpens,
                              long machineClicks, long machineOpens, Map<String, LinkStats> links) {

    public EngagementStats {
        links = links == null ? Map.of() : Map.copyOf(links);
    }

    public static EngagementStats empty(String campaignId) {
        return new EngagementStats(campaignId, 0, 0, 0, 0, 0, 0, Map.of());
    }

    /** These counts plus one event. */
    public EngagementStats plus(EngagementCount e) {
        boolean click = e.kind() == EngagementCount.Kind.CLICKED;
        if (e.machine()) {
            return new EngagementStats(campaignId, clicks, uniqueClicks, opens, uniqueOpens,
                    machineClicks + (click ? 1 : 0), machineOpens + (click ? 0 : 1), links);
        }
        Map<String, LinkStats> nextLinks = links;
        if (click) {
            nextLinks = new TreeMap<>(links);
            String key = Integer.toString(e.linkIndex());
            LinkStats l = nextLinks.getOrDefault(key, new LinkStats(e.linkIndex(), e.url(), 0, 0));
            nextLinks.put(key, new LinkStats(l.index(), l.url(), l.clicks() + 1, l.uniqueClicks() + (e.firstOfLink() ? 1 : 0)));
        }
        long unique = e.firstOfMessage() ? 1 : 0;
        return new EngagementStats(campaignId,
                clicks + (click ? 1 : 0), uniqueClicks + (click ? unique : 0),
                opens + (click ? 0 : 1), uniqueOpens + (click ? 0 : unique),
                machineClicks, machineOpens, nextLinks);
    }
}
