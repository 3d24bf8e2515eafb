package io.mailstream.producer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code campaign}: launch a campaign, or pause, resume or cancel one. Registered as a subcommand of
 * the {@code mailstream} launcher; {@link #main} runs it alone.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Launch campaigns and change their state.",
        subcommands = {LaunchCommand.class, PauseCommand.class, ResumeCommand.class, CancelCommand.class})
public final class CampaignCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: launch, pause, resume or cancel");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CampaignCommand()).execute(args));
    }
}
