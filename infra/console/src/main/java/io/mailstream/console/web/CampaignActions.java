package io.mailstream.console.web;

import io.mailstream.avro.CampaignState;
import io.mailstream.producer.ProducerException;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.StateChange;
import java.util.Locale;
import java.util.Map;

/**
 * Pause, resume and cancel from the console: the CLI's {@link CampaignStateChanger}, compare-and-set
 * on the state version the page showed, so a change made elsewhere since is refused, not overwritten.
 */
public final class CampaignActions {
    private static final Map<String, CampaignState> TARGETS = Map.of(
            "pause", CampaignState.PAUSED, "resume", CampaignState.SENDING, "cancel", CampaignState.CANCELLED);

    private final CampaignStateChanger changer;

    public CampaignActions(CampaignStateChanger changer) {
        this.changer = changer;
    }

    /** What happened, in words for the page; a refusal says why. */
    public Result apply(String campaignId, String action, long shownVersion) {
        CampaignState target = TARGETS.get(action.toLowerCase(Locale.ROOT));
        if (target == null) {
            return new Result(false, "unknown action '" + action + "': use pause, resume or cancel");
        }
        try {
            StateChange c;
            synchronized (changer) { // one Kafka transaction at a time per changer
                c = changer.change(campaignId, target, shownVersion);
            }
            return new Result(true, c.changed()
                    ? campaignId + ": " + c.from().name().toLowerCase(Locale.ROOT) + " → " + c.to().name().toLowerCase(Locale.ROOT)
                    : campaignId + " was already " + c.to().name().toLowerCase(Locale.ROOT));
        } catch (ProducerException e) {
            // moved since shown, final, unknown, or Kafka unreachable: each exception's message says which
            return new Result(false, "refused: " + e.getMessage());
        }
    }

    public record Result(boolean ok, String message) {
    }
}
