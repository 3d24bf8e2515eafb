package io.mailstream.bounces.cli;

import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.ManualSuppressions;
import io.mailstream.bounces.suppress.SuppressionCsv;
import io.mailstream.bounces.suppress.SuppressionTopic;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.serde.AvroSerde;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code suppress add|remove|check|list|export}: the suppression list in the compacted
 * {@code mail.suppressions} topic. Writes are acknowledged by Kafka before the command returns;
 * reads scan the topic to its current end.
 */
@Command(name = "suppress", mixinStandardHelpOptions = true,
        description = "Add, remove, check, list or export suppressed addresses (mail.suppressions).",
        subcommands = {SuppressCommand.Add.class, SuppressCommand.Remove.class, SuppressCommand.Check.class,
                SuppressCommand.ListCommand.class, SuppressCommand.Export.class})
public class SuppressCommand implements Runnable {
    @Spec
    CommandSpec spec;

    public SuppressCommand() {
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared by the subcommands: connection options and the topic client. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        Clock clock = Clock.systemUTC();

        SuppressionTopic topic() {
            return new SuppressionTopic(kafka.connection(), AvroSerde.forValue(Suppression.class, kafka.registry()));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Suppress an address (source MANUAL).")
    public static class Add extends Base {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Option(names = "--reason", defaultValue = "manual", description = "Why (default: ${DEFAULT-VALUE}).")
        String reason;

        @Option(names = "--for", paramLabel = "DURATION", description = "ISO-8601 duration, e.g. P30D (default: permanent).")
        Duration duration;

        public Add() {
        }

        @Override
        public Integer call() {
            EmailAddress a = EmailAddress.parse(address);
            topic().put(ManualSuppressions.of(a, reason, clock.instant(), Optional.ofNullable(duration)));
            out().println("suppressed " + a.normalized() + (duration == null ? "" : " for " + duration));
            out().flush();
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Lift an address's suppression (tombstone).")
    public static class Remove extends Base {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        public Remove() {
        }

        @Override
        public Integer call() {
            EmailAddress a = EmailAddress.parse(address);
            topic().remove(a);
            out().println("removed " + a.normalized());
            out().flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Tell whether an address is suppressed; exit code 0 if it is, 1 if not.")
    public static class Check extends Base {
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        public Check() {
        }

        @Override
        public Integer call() {
            EmailAddress a = EmailAddress.parse(address);
            Suppression s = topic().snapshot().get(a.normalized());
            if (s == null || !ManualSuppressions.isActive(s, clock.instant())) {
                out().println(a.normalized() + " not suppressed");
                out().flush();
                return 1;
            }
            out().println(a.normalized() + " suppressed: " + describe(s));
            out().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List suppressed addresses, one per line: address, source, reason, count, expires.")
    public static class ListCommand extends Base {
        @Option(names = "--all", description = "Include expired entries not yet tombstoned.")
        boolean all;

        public ListCommand() {
        }

        @Override
        public Integer call() {
            Instant now = clock.instant();
            for (Map.Entry<String, Suppression> e : topic().snapshot().entrySet()) {
                if (all || ManualSuppressions.isActive(e.getValue(), now)) {
                    out().println(e.getKey() + "\t" + describe(e.getValue()).replace(", ", "\t"));
                }
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export the suppressions in force as CSV (address,source,reason,first_seen,last_seen,count,expires_at).")
    public static class Export extends Base {
        public Export() {
        }

        @Override
        public Integer call() {
            Instant now = clock.instant();
            PrintWriter out = out();
            out.println(SuppressionCsv.HEADER);
            for (Map.Entry<String, Suppression> e : topic().snapshot().entrySet()) {
                if (ManualSuppressions.isActive(e.getValue(), now)) {
                    out.println(SuppressionCsv.line(e.getKey(), e.getValue()));
                }
            }
            out.flush();
            return 0;
        }
    }

    static String describe(Suppression s) {
        return s.getSource() + ", " + s.getReason() + ", " + s.getCount() + ", "
                + (s.getExpiresAt() == null ? "permanent" : "until " + s.getExpiresAt());
    }

}
