package io.mailstream.dispatcher.consume;

/** Why a message is parked instead of sent; it goes once the reason has passed. */
public sealed interface HoldReason {

    /** A short label for logs and the held-partitions view: the campaign id, or what the dispatcher waits for. */
    String label();

    /**
     * Its campaign is paused (or still a draft), or, with a {@code provider}, the campaign guard holds
     * the campaign's mail to the recipient's mailbox provider ({@code Campaign.guardHolds}).
     *
     * @param provider the held provider, or null for the campaign's own pause
     */
    record CampaignPaused(String campaignId, String provider) implements HoldReason {
        public CampaignPaused(String campaignId) {
            this(campaignId, null);
        }

        @Override
        public String label() {
            return provider == null ? campaignId : campaignId + " at " + provider;
        }
    }

    /**
     * The dispatcher's campaign or suppression table is not current (its follower is behind by more
     * than {@code tables.max-lag}, retrying, or dead): sending now could mail a suppressed address or
     * a paused campaign, so nothing is sent until it is current again (fail closed).
     */
    record TablesNotCurrent() implements HoldReason {
        @Override
        public String label() {
            return "tables not current";
        }
    }
}
