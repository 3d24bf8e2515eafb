package io.mailstream.producer.cli;

import io.mailstream.avro.CampaignState;
import picocli.CommandLine.Command;

/** {@code campaign pause ID}. */
@Command(name = "pause", mixinStandardHelpOptions = true, description = "Pause a campaign: dispatchers stop sending its mail until it is resumed.")
public final class PauseCommand extends StateCommand {
    @Override
    CampaignState target() {
        return CampaignState.PAUSED;
    }
}
