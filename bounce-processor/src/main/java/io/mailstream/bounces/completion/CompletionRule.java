package io.mailstream.bounces.completion;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;

/**
 * When a campaign is DONE: it is sending (or paused), a launch has recorded how many messages it
 * has ({@code expectedMessages}, written once every event was acknowledged), and at least that many
 * of its messages have a terminal outcome (delivered, bounced, expired, suppressed, rejected or
 * cancelled; each message counted once).
 *
 * <p>The count assumes that a relaunch uses the same list or a longer one: messages of an earlier,
 * different list count as finished too.
 */
public final class CompletionRule {
    private CompletionRule() {
    }

    public static boolean isComplete(Campaign campaign, long finishedMessages) {
        CampaignState state = campaign.getState();
        if (state != CampaignState.SENDING && state != CampaignState.PAUSED) {
            return false;
        }
        Long expected = campaign.getExpectedMessages();
        return expected != null && finishedMessages >= expected;
    }
}
