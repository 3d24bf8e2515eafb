package io.mailstream.cli.console;

import io.mailstream.avro.CampaignState;
import io.mailstream.console.web.CampaignActions;
import io.mailstream.producer.ProducerException;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.StateChange;
import java.util.Locale;
import java.util.Map;

/**
 * The console's buttons through the CLI's {@link CampaignStateChanger}: compare-and-set on the state
 * version the page showed, so a change made elsewhere since (another console, {@code campaign pause},
 * the bounce processor's DONE) is refused with the changer's own message.
 */
final class ChangerActions implements CampaignActions, AutoCloseable {
    private static final Map<String, CampaignState> TARGETS = Map.of(
            "pause", CampaignState.PAUSED, "resume", CampaignState.SENDING, "cancel", CampaignState.CANCELLED);

    private final CampaignStateChanger changer;

    ChangerActions(CampaignStateChanger changer) {
        this.changer = changer;
    }

    @Override
    public synchronized Result apply(String campaignId, String action, long shownVersion) {
        CampaignState target = TARGETS.get(action.toLowerCase(Locale.ROOT));
        if (target == null) {
            return new Result(false, "unknown action '" + action + "': use pause, resume or cancel");
        }
        try {
            StateChange c = changer.change(campaignId, target, shownVersion);
            return new Result(true, c.changed()
                    ? campaignId + ": " + name(c.from()) + " → " + name(c.to())
                    : campaignId + " was already " + name(c.to()));
        } catch (ProducerException e) {
            // moved since shown, final, unknown, or Kafka unreachable: the exception's message says which
            return new Result(false, "refused: " + e.getMessage());
        }
    }

    @Override
    public synchronized Result resumeProvider(String campaignId, String provider) {
        try {
            changer.resumeProvider(campaignId, provider);
            return new Result(true, campaignId + ": mail to " + provider + " goes again");
        } catch (ProducerException e) {
            // not held there, final, unknown, or Kafka unreachable: the exception's message says which
            return new Result(false, "refused: " + e.getMessage());
        }
    }

    private static String name(CampaignState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        changer.close();
    }
}
