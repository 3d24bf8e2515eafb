package io.mailstream.cli;

import io.mailstream.cli.ops.HttpRequestLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailstream} command: the one entry point for every service and tool. Subcommands
 * that belong to a service live in that service's module; this class only assembles them.
 */
@Command(name = "mailstream", mixinStandardHelpOptions = true, version = "mailstream 0.1.0",
        description = "Kafka-native bulk mail pipeline.")
public final class Mailstream implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static CommandLine commandLine() {
        return CommandAssembly.assemble(new CommandLine(new Mailstream()));
    }

    public static void main(String[] args) {
        // before any HTTP server exists: the JDK reads these limits once (slow-loris protection)
        try {
            HttpRequestLimits.from(System.getProperties()).applyToJdkHttpServer(System.getProperties());
        } catch (IllegalArgumentException e) {
            System.err.println("mailstream: " + e.getMessage());
            System.exit(2);
        }
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
