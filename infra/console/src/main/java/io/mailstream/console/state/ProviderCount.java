package io.mailstream.console.state;

/**
 * A campaign's counts at one mailbox provider, as the campaign guard judges them (the bounce
 * processor's {@code ProviderCounts}, handed over by the launcher: counted once, not again here).
 */
public record ProviderCount(long delivered, long bounced, long expired, long complaints) {
    public static final ProviderCount NONE = new ProviderCount(0, 0, 0, 0);

    public ProviderCount plus(ProviderCount o) {
        return new ProviderCount(delivered + o.delivered, bounced + o.bounced, expired + o.expired, complaints + o.complaints);
    }

    /** Complaints per delivered message: what Gmail and Yahoo measure against 0.1 % / 0.3 %. */
    public double complaintRate() {
        return CampaignRow.ratio(complaints, delivered);
    }

    /** Hard bounces per attempted message (the guard's second rule). */
    public double hardBounceRate() {
        return CampaignRow.ratio(bounced, delivered + bounced + expired);
    }
}
