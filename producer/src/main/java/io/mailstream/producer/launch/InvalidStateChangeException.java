package io.mailstream.producer.launch;

import io.mailstream.avro.CampaignState;
import io.mailstream.producer.ProducerException;

/** A state change that makes no sense for the campaign's current state (e.g. resuming a cancelled campaign). */
public final class InvalidStateChangeException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;
    private final CampaignState from;
    private final CampaignState to;

    public InvalidStateChangeException(String campaignId, CampaignState from, CampaignState to) {
        super("campaign '" + campaignId + "' is " + from + " and cannot become " + to
                + (from == CampaignState.CANCELLED || from == CampaignState.DONE ? ": " + from + " is final; launch a new campaign" : ""));
        this.campaignId = campaignId;
        this.from = from;
        this.to = to;
    }

    public String campaignId() {
        return campaignId;
    }

    public CampaignState from() {
        return from;
    }

    public CampaignState to() {
        return to;
    }
}
