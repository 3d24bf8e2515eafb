package io.mailstream.dispatcher.campaign;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;

/**
 * A campaign as one message needs it: the templates of the version the message names, and the
 * campaign's current state (which only the latest record knows).
 */
public record CampaignSnapshot(Campaign templates, CampaignState state) {
    public String id() {
        return templates.getId();
    }

    public int version() {
        return templates.getVersion();
    }
}
