package io.mailstream.cli;

import io.mailstream.bounces.cli.BounceImportCommand;
import io.mailstream.bounces.cli.BounceProcessorCommand;
import io.mailstream.bounces.cli.CampaignStatusCommand;
import io.mailstream.bounces.cli.ClassifyBenchCommand;
import io.mailstream.bounces.cli.ClassifyCommand;
import io.mailstream.bounces.cli.SuppressCommand;
import io.mailstream.cli.bench.BenchGroup;
import io.mailstream.cli.bench.BenchLaunchCommand;
import io.mailstream.cli.bench.BenchDeliveryCommand;
import io.mailstream.cli.deadletter.DeadLetterGroup;
import io.mailstream.cli.deadletter.DeadLetterListCommand;
import io.mailstream.cli.deadletter.DeadLetterReplayCommand;
import io.mailstream.cli.demo.DemoCommand;
import io.mailstream.cli.ops.HttpOpsServerFactory;
import io.mailstream.dispatcher.cli.DispatcherCommand;
import io.mailstream.producer.cli.ApiCommand;
import io.mailstream.producer.cli.CampaignCommand;
import io.mailstream.cli.stack.StackCommand;
import picocli.CommandLine;

/** Registers every module's commands under {@code mailstream} and turns failures into one clear line. */
final class CommandAssembly {
    private CommandAssembly() {
    }

    static CommandLine assemble(CommandLine root) {
        HttpOpsServerFactory ops = new HttpOpsServerFactory();
        root.addSubcommand("demo", new DemoCommand());
        root.addSubcommand("stack", new StackCommand());
        // campaign status reads the bounce processor's view; the rest of campaign is the producer's.
        root.addSubcommand("campaign", new CommandLine(new CampaignCommand())
                .addSubcommand("status", new CampaignStatusCommand()));
        root.addSubcommand("dispatcher", new DispatcherCommand(ops));
        root.addSubcommand("lag", new io.mailstream.cli.lag.LagCommand());
        root.addSubcommand("bounces", new CommandLine(new BouncesGroup())
                .addSubcommand("classify", new ClassifyCommand())
                .addSubcommand("bench", new ClassifyBenchCommand())
                .addSubcommand("import", new BounceImportCommand()));
        root.addSubcommand("bounce-processor", new BounceProcessorCommand(ops));
        root.addSubcommand("suppress", new SuppressCommand());
        root.addSubcommand("api", new ApiCommand(ops));
        root.addSubcommand("bench", new CommandLine(new BenchGroup()).addSubcommand("launch", new BenchLaunchCommand())
                .addSubcommand("delivery", new BenchDeliveryCommand())
                .addSubcommand("suppressions", new io.mailstream.cli.bench.suppressions.BenchSuppressionsCommand())
                .addSubcommand("scale-out", new io.mailstream.cli.scaleout.BenchScaleOutCommand())
                .addSubcommand("chaos", new io.mailstream.cli.chaos.BenchChaosCommand()));
        root.addSubcommand("registry", new io.mailstream.cli.standalone.RegistryCommand());
        root.addSubcommand("sink", new io.mailstream.cli.standalone.SinkCommand());
        root.addSubcommand("topics", new io.mailstream.cli.standalone.TopicsCommand());
        root.addSubcommand("policies", new CommandLine(new io.mailstream.cli.policies.PoliciesGroup())
                .addSubcommand("apply", new io.mailstream.cli.policies.PoliciesApplyCommand())
                .addSubcommand("show", new io.mailstream.cli.policies.PoliciesShowCommand()));
        root.addSubcommand("dead-letter", new CommandLine(new DeadLetterGroup())
                .addSubcommand("list", new DeadLetterListCommand())
                .addSubcommand("replay", new DeadLetterReplayCommand()));
        root.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("mailstream " + cmd.getCommandName() + ": " + describe(ex));
            hint(ex).ifPresent(cmd.getErr()::println);
            if (System.getenv("MAILSTREAM_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set MAILSTREAM_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return root;
    }

    /** What to do about a refusal by a secured cluster, which Kafka's own message does not say. */
    static java.util.Optional<String> hint(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
                return java.util.Optional.of("Kafka refused the credentials: check sasl.jaas.config in the file given with "
                        + "--kafka-config (or MAILSTREAM_KAFKA_CONFIG), and that this user exists on the cluster.");
            }
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
                return java.util.Optional.of("Kafka refused this principal the resource named above: 'mailstream topics "
                        + "--print-acls' prints the ACLs each service needs (read/write per topic, group, transactional id).");
            }
        }
        return java.util.Optional.empty();
    }

    private static String describe(Throwable ex) {
        StringBuilder b = new StringBuilder(String.valueOf(ex.getMessage()));
        Throwable cause = ex.getCause();
        while (cause != null && cause != ex) {
            if (cause.getMessage() != null && !b.toString().contains(cause.getMessage())) {
                b.append(" <- ").append(cause.getMessage());
            }
            ex = cause;
            cause = cause.getCause();
        }
        return b.toString();
    }
}
