package io.mailstream.bounces.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to one campaign's mail so far. Counts are per event: {@code deferred} counts
 * deferral attempts, the others terminal outcomes (one per message).
 *
 * @param bouncedByReason bounced and expired messages by Sisimai reason name (RFC 3463 based)
 * @param complaints      feedback reports (RFC 5965) about the campaign's messages
 * @param suppressed      messages the dispatcher skipped because the address was suppressed
 */
public record CampaignStats(String campaignId, long delivered, long deferred, long bounced, long expired,
                            long suppressed, long rejected, long cancelled, long complaints,
                            Map<String, Long> bouncedByReason) {

    public CampaignStats {
        bouncedByReason = bouncedByReason == null ? Map.of() : Map.copyOf(bouncedByReason);
    }

    public static CampaignStats empty(String campaignId) {
        return new CampaignStats(campaignId, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());
    }

    /** These counts plus one event. */
    public CampaignStats plus(CampaignEvent e) {
        Map<String, Long> reasons = new TreeMap<>(bouncedByReason);
        if ((e.type() == CampaignEvent.Type.BOUNCED || e.type() == CampaignEvent.Type.EXPIRED) && e.reason() != null) {
            reasons.merge(e.reason(), 1L, Long::sum);
        }
        return new CampaignStats(e.campaignId(),
                delivered + is(e, CampaignEvent.Type.DELIVERED),
                deferred + is(e, CampaignEvent.Type.DEFERRED),
                bounced + is(e, CampaignEvent.Type.BOUNCED),
                expired + is(e, CampaignEvent.Type.EXPIRED),
                suppressed + is(e, CampaignEvent.Type.SUPPRESSED),
                rejected + is(e, CampaignEvent.Type.REJECTED),
                cancelled + is(e, CampaignEvent.Type.CANCELLED),
                complaints + is(e, CampaignEvent.Type.COMPLAINT),
                reasons);
    }

    private static long is(CampaignEvent e, CampaignEvent.Type t) {
        return e.type() == t ? 1 : 0;
    }
}
