package io.mailstream.producer.launch;

import io.mailstream.producer.ProducerException;

/** A pause/resume/cancel that could not be carried out because Kafka or the registry failed or timed out. */
public final class StateChangeException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;

    public StateChangeException(String campaignId, String reason, Throwable cause) {
        super("changing the state of campaign '" + campaignId + "' failed: " + reason, cause);
        this.campaignId = campaignId;
    }

    public String campaignId() {
        return campaignId;
    }
}
