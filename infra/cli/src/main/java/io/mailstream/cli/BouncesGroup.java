package io.mailstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mailstream bounces ...}: the bounce processor's tools. */
@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = "Classify bounce mails and benchmark the classifier.")
final class BouncesGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
