package io.mailstream.bounces.stats;

/**
 * A campaign's counts at one mailbox provider: what the guard's rates are made of. Counted as the
 * campaign's own counts are (each message once, in its final category, {@link OutcomeLedger}).
 *
 * @param delivered  messages delivered (and not bounced later by a DSN)
 * @param bounced    messages bounced: a 5xx, or a relay's DSN with action failed (hard bounces)
 * @param expired    messages that expired while deferred
 * @param complaints feedback reports (RFC 5965) about messages to the provider
 */
public record ProviderCounts(long delivered, long bounced, long expired, long complaints) {
    public static final ProviderCounts NONE = new ProviderCounts(0, 0, 0, 0);

    /** Messages a server of the provider gave a final answer for: the base of the hard-bounce rate. */
    public long attempted() {
        return delivered + bounced + expired;
    }

    /**
     * What was counted since {@code earlier} (counts of the same provider at an earlier time), each
     * count at least 0: a late DSN moves a message counted delivered before {@code earlier} to bounced,
     * which can take {@code delivered} below what it was then.
     */
    public ProviderCounts since(ProviderCounts earlier) {
        return new ProviderCounts(Math.max(0, delivered - earlier.delivered), Math.max(0, bounced - earlier.bounced),
                Math.max(0, expired - earlier.expired), Math.max(0, complaints - earlier.complaints));
    }

    /** These counts plus one event of the provider. */
    ProviderCounts plus(CampaignEvent e) {
        return switch (e.type()) {
            case DELIVERED -> new ProviderCounts(delivered + 1, bounced, expired, complaints);
            case BOUNCED -> new ProviderCounts(delivered, bounced + 1, expired, complaints);
            case BOUNCED_AFTER_DELIVERY -> new ProviderCounts(delivered - 1, bounced + 1, expired, complaints);
            case EXPIRED -> new ProviderCounts(delivered, bounced, expired + 1, complaints);
            case COMPLAINT -> new ProviderCounts(delivered, bounced, expired, complaints + 1);
            default -> this;
        };
    }
}
