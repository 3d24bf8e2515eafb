package io.mailstream.bounces.stats;

import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to one campaign's mail so far. {@code deferred} counts deferral attempts (the
 * dispatcher's and delayed DSNs'); the other outcomes are counted once per message, in its final
 * category ({@link OutcomeLedger}: its first terminal event, unless a DSN later bounced a message a
 * relay had accepted), so their sum, {@link #finishedMessages()}, is the number of messages that
 * have a terminal outcome.
 *
 * @param bouncedByReason bounced and expired messages by Sisimai reason name (RFC 3463 based)
 * @param complaints      feedback reports (RFC 5965) about the campaign's messages
 * @param suppressed      messages the dispatcher skipped because the address was suppressed
 * @param bouncedAfterDelivery messages a relay accepted and a DSN later said bounced: counted in
 *                        {@code bounced}, not in {@code delivered}
 * @param byProvider      counts by mailbox provider ({@link io.mailstream.schemas.sites.MailboxProviders}) of the
 *                        recipients whose domain is in the provider table: what the campaign guard judges
 */
public record CampaignStats(String campaignId, long delivered, long deferred, long bounced, long expired,
                            long suppressed, long rejected, long cancelled, long complaints,
                            Map<String, Long> bouncedByReason, long bouncedAfterDelivery,
                            Map<String, ProviderCounts> byProvider) {

    public CampaignStats {
        bouncedByReason = bouncedByReason == null ? Map.of() : Map.copyOf(bouncedByReason);
        byProvider = byProvider == null ? Map.of() : Map.copyOf(byProvider);
    }

    /** Counts with none by provider. */
    public CampaignStats(String campaignId, long delivered, long deferred, long bounced, long expired,
                         long suppressed, long rejected, long cancelled, long complaints,
                         Map<String, Long> bouncedByReason, long bouncedAfterDelivery) {
        this(campaignId, delivered, deferred, bounced, expired, suppressed, rejected, cancelled, complaints,
                bouncedByReason, bouncedAfterDelivery, Map.of());
    }

    /** Messages with a terminal outcome: delivered, bounced, expired, suppressed, rejected or cancelled. */
    public long finishedMessages() {
        return delivered + bounced + expired + suppressed + rejected + cancelled;
    }

    public static CampaignStats empty(String campaignId) {
        return new CampaignStats(campaignId, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), 0, Map.of());
    }

    /** These counts plus one event. */
    public CampaignStats plus(CampaignEvent e) {
        Map<String, Long> reasons = new TreeMap<>(bouncedByReason);
        boolean late = e.type() == CampaignEvent.Type.BOUNCED_AFTER_DELIVERY;
        if ((e.type() == CampaignEvent.Type.BOUNCED || e.type() == CampaignEvent.Type.EXPIRED || late) && e.reason() != null) {
            reasons.merge(e.reason(), 1L, Long::sum);
        }
        Map<String, ProviderCounts> providers = byProvider;
        if (e.provider() != null) {
            providers = new TreeMap<>(byProvider);
            providers.put(e.provider(), providers.getOrDefault(e.provider(), ProviderCounts.NONE).plus(e));
        }
        return new CampaignStats(e.campaignId(),
                delivered + is(e, CampaignEvent.Type.DELIVERED) - (late ? 1 : 0),
                deferred + is(e, CampaignEvent.Type.DEFERRED),
                bounced + is(e, CampaignEvent.Type.BOUNCED) + (late ? 1 : 0),
                expired + is(e, CampaignEvent.Type.EXPIRED),
                suppressed + is(e, CampaignEvent.Type.SUPPRESSED),
                rejected + is(e, CampaignEvent.Type.REJECTED),
                cancelled + is(e, CampaignEvent.Type.CANCELLED),
                complaints + is(e, CampaignEvent.Type.COMPLAINT),
                reasons,
                bouncedAfterDelivery + (late ? 1 : 0),
                providers);
    }

    private static long is(CampaignEvent e, CampaignEvent.Type t) {
        return e.type() == t ? 1 : 0;
    }
}
