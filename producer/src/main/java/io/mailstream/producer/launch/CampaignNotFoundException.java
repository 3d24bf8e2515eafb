package io.mailstream.producer.launch;

import io.mailstream.producer.ProducerException;

/** No campaign with this id in {@code mail.campaigns} (never launched, or deleted by a tombstone). */
public final class CampaignNotFoundException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;

    public CampaignNotFoundException(String campaignId) {
        super("no campaign '" + campaignId + "' in topic mail.campaigns; launch it first, or check the id");
        this.campaignId = campaignId;
    }

    public String campaignId() {
        return campaignId;
    }
}
