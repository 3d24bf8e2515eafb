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
import io.mailstream.cli.acl.AccessRefusal;
import io.mailstream.cli.acl.AuthorizedOperations;
import io.mailstream.cli.acl.RefusalDiagnosis;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Optional;
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
        root.addSubcommand("tlsrpt", new io.mailstream.dispatcher.cli.TlsRptCommand());
        root.addSubcommand("lag", new io.mailstream.cli.lag.LagCommand());
        root.addSubcommand("console", new io.mailstream.cli.console.ConsoleCommand());
        root.addSubcommand("bounces", new CommandLine(new BouncesGroup())
                .addSubcommand("classify", new ClassifyCommand())
                .addSubcommand("bench", new ClassifyBenchCommand())
                .addSubcommand("import", new BounceImportCommand())
                .addSubcommand("imap", new io.mailstream.bounces.cli.BounceImapCommand())
                .addSubcommand("pop3", new io.mailstream.bounces.cli.BouncePop3Command()));
        root.addSubcommand("bounce-processor", new BounceProcessorCommand(ops));
        root.addSubcommand("suppress", new SuppressCommand());
        root.addSubcommand("api", new ApiCommand(ops));
        root.addSubcommand("webhooks", new io.mailstream.webhooks.cli.WebhooksCommand(ops));
        root.addSubcommand("bench", new CommandLine(new BenchGroup()).addSubcommand("launch", new BenchLaunchCommand())
                .addSubcommand("delivery", new BenchDeliveryCommand())
                .addSubcommand("transactional", new io.mailstream.cli.bench.BenchTransactionalCommand())
                .addSubcommand("suppressions", new io.mailstream.cli.bench.suppressions.BenchSuppressionsCommand())
                .addSubcommand("scale-out", new io.mailstream.cli.scaleout.BenchScaleOutCommand())
                .addSubcommand("chaos", new io.mailstream.cli.chaos.BenchChaosCommand())
                .addSubcommand("console", new io.mailstream.cli.console.BenchConsoleCommand())
                .addSubcommand("tracking", new io.mailstream.cli.bench.tracking.BenchTrackingCommand()));
        root.addSubcommand("tracking", new io.mailstream.tracking.cli.TrackingCommand());
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
            hint(ex, clientConnection(parsed)).ifPresent(cmd.getErr()::println);
            if (System.getenv("MAILSTREAM_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("(set MAILSTREAM_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return root;
    }

    /**
     * What to do about a refusal by a secured cluster, which Kafka's own message does not say: for an
     * authorization error, the principal, the missing right and the {@code topics --print-acls} line
     * ({@link RefusalDiagnosis}), asking the cluster as that principal when {@code connection} is known.
     */
    static Optional<String> hint(Throwable ex, Optional<KafkaConnection> connection) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.SaslAuthenticationException) {
                return Optional.of("Kafka refused the credentials: check sasl.jaas.config in the file given with "
                        + "--kafka-config (or MAILSTREAM_KAFKA_CONFIG), and that this user exists on the cluster.");
            }
            if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
                KafkaClientSettings settings = connection.map(KafkaConnection::settings).orElse(KafkaClientSettings.none());
                AuthorizedOperations cluster = connection.map(AuthorizedOperations::askingAs).orElse(AuthorizedOperations.unknown());
                return new RefusalDiagnosis(ServiceAcls.defaults(), settings, cluster).diagnose(ex).map(AccessRefusal::render);
            }
        }
        return Optional.empty();
    }

    /** The connection the failed command used, from its own options: the diagnosis asks the cluster as the same principal. */
    static Optional<KafkaConnection> clientConnection(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        try {
            String file = optionValue(last, KafkaClientSettings.OPTION);
            KafkaClientSettings settings = KafkaClientSettings.resolve(file == null ? null : Path.of(file), System.getenv());
            return Optional.of(KafkaConnection.resolve(optionValue(last, "--bootstrap-servers"), settings));
        } catch (RuntimeException e) {
            return Optional.empty(); // the command's own error is already the one to show
        }
    }

    private static String optionValue(CommandLine.ParseResult parsed, String name) {
        CommandLine.Model.OptionSpec option = parsed.matchedOption(name);
        Object value = option == null ? null : option.getValue();
        return value == null ? null : value.toString();
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
