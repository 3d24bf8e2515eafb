package io.mailstream.producer.launch;

import io.mailstream.producer.ProducerException;

/**
 * A campaign state change refused because the state it was based on moved meanwhile (compare-and-set):
 * another change was made, or started, between the read and the write. Nothing was published; read the
 * state again and decide again.
 */
public final class StateMovedException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final String campaignId;

    private StateMovedException(String campaignId, String message, Throwable cause) {
        super(message, cause);
        this.campaignId = campaignId;
    }

    static StateMovedException versionMoved(String campaignId, long basedOn, long current) {
        return new StateMovedException(campaignId, "campaign '" + campaignId + "' was changed meanwhile: the change was based on "
                + "state version " + basedOn + ", it is now " + current + "; nothing published", null);
    }

    static StateMovedException fenced(String campaignId, Throwable cause) {
        return new StateMovedException(campaignId, "campaign '" + campaignId + "' was changed by another writer while this "
                + "change was being made; nothing published: read its state again", cause);
    }

    public String campaignId() {
        return campaignId;
    }
}
