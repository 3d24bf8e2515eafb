package io.mailstream.bounces.stats;

import java.util.Objects;

/**
 * One engagement event as the campaign statistics count it (issue 18).
 *
 * @param linkIndex     the clicked link's position in the HTML part; -1 for opens
 * @param url           the clicked link's URL; null for opens
 * @param machine       made by a machine (privacy proxy, scanner): counted apart, never as a person's
 * @param firstOfMessage the message's first human event of this kind: counts as unique
 * @param firstOfLink   the message's first human click on this link: counts as unique for the link
 */
public record EngagementCount(String campaignId, Kind kind, int linkIndex, String url, boolean machine,
                              boolean firstOfMessage, boolean firstOfLink) {
    public enum Kind { CLICKED, OPENED }

    public EngagementCount {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(kind, "kind");
    }
}
