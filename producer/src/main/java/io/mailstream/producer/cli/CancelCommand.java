package io.mailstream.producer.cli;

import io.mailstream.avro.CampaignState;
import picocli.CommandLine.Command;

/** {@code campaign cancel ID}. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a campaign for good: its remaining mail is not sent.")
public final class CancelCommand extends StateCommand {
    @Override
    CampaignState target() {
        return CampaignState.CANCELLED;
    }
}
