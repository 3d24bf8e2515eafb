package io.mailstream.schemas.topics;

/**
 * The contract between every writer of a campaign's record in {@code mail.campaigns} (the producer's
 * launch and state changes, the bounce processor's DONE): each writes in a Kafka transaction whose
 * transactional id is {@link #transactionalId}, so starting one fences the others and a change is a
 * compare-and-set against the record it read.
 */
public final class CampaignWriters {
    /** Prefix of the per-campaign transactional ids (ACLs grant it as a prefix). */
    public static final String TRANSACTIONAL_ID_PREFIX = "mailstream-campaign-state-";

    private CampaignWriters() {
    }

    public static String transactionalId(String campaignId) {
        return TRANSACTIONAL_ID_PREFIX + campaignId;
    }
}
