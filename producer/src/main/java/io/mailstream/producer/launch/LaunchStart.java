package io.mailstream.producer.launch;

import io.mailstream.avro.CampaignState;
import java.util.Optional;

/**
 * What a launch did to the campaign's record: created it, or continued an existing one in the state
 * it had (a PAUSED campaign stays paused; DRAFT becomes SENDING).
 *
 * @param previous the state before this launch; empty for a new campaign
 * @param state    the state written
 */
public record LaunchStart(String campaignId, Optional<CampaignState> previous, CampaignState state, long stateVersion) {

    public boolean continued() {
        return previous.isPresent();
    }

    public String describe() {
        if (previous.isEmpty()) {
            return "campaign " + campaignId + " is new: " + state;
        }
        return "campaign " + campaignId + " already exists (" + previous.get() + "): continuing it; only recipients without "
                + "an outcome yet are mailed" + (state == CampaignState.PAUSED ? " once it is resumed" : "");
    }
}
