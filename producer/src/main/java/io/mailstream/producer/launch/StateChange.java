package io.mailstream.producer.launch;

import io.mailstream.avro.CampaignState;

/** What a state change did: {@code changed} is false when the campaign already was in the requested state. */
public record StateChange(String campaignId, CampaignState from, CampaignState to, boolean changed) {

    public String describe() {
        return changed ? "campaign " + campaignId + ": " + from + " -> " + to
                : "campaign " + campaignId + " is already " + to + "; nothing published";
    }
}
