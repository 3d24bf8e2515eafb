package io.mailstream.producer.cli;

import io.mailstream.avro.CampaignState;
import io.mailstream.producer.launch.CampaignStateChanger;
import io.mailstream.producer.launch.StateChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code campaign resume ID [--provider P]}: the whole campaign (its state and every hold of the
 * campaign guard), or only the guard's hold at one mailbox provider.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume a paused campaign, or with --provider only its mail to a provider the campaign guard held.")
public final class ResumeCommand extends StateCommand {
    @Option(names = "--provider", paramLabel = "PROVIDER",
            description = "Release only the campaign guard's hold at this mailbox provider (as campaign status names it, e.g. google).")
    String provider;

    @Override
    CampaignState target() {
        return CampaignState.SENDING;
    }

    @Override
    StateChange change(CampaignStateChanger changer) {
        if (provider == null) {
            return super.change(changer);
        }
        return changer.resumeProvider(campaignId, provider.strip());
    }

    @Override
    String describe(StateChange change) {
        return provider == null ? change.describe()
                : "campaign " + campaignId + ": mail to " + provider.strip() + " goes again (state " + change.to() + ")";
    }
}
