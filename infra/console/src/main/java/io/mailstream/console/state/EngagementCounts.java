package io.mailstream.console.state;

import java.util.List;

/**
 * What recipients did with a campaign's mail, as {@code campaign status} counts it (issue 18): human
 * clicks and opens, total and unique (messages with at least one), machine ones apart.
 *
 * @param links per link, by its position in the HTML part
 */
public record EngagementCounts(long clicks, long uniqueClicks, long opens, long uniqueOpens, long machineClicks,
                               long machineOpens, List<LinkCount> links) {
    public static final EngagementCounts NONE = new EngagementCounts(0, 0, 0, 0, 0, 0, List.of());

    public EngagementCounts {
        links = List.copyOf(links);
    }

    public record LinkCount(int index, String url, long clicks, long uniqueClicks) {
    }
}
