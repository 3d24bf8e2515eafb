package io.mailstream.producer.cli;

import io.mailstream.avro.CampaignState;
import picocli.CommandLine.Command;

/** {@code campaign resume ID}. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a paused campaign.")
public final class ResumeCommand extends StateCommand {
    @Override
    CampaignState target() {
        return CampaignState.SENDING;
    }
}
