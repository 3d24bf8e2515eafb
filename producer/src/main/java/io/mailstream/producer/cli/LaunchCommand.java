package io.mailstream.producer.cli;

import io.mailstream.producer.campaign.CampaignDefinition;
import io.mailstream.producer.campaign.CampaignFiles;
import io.mailstream.producer.launch.CampaignLauncher;
import io.mailstream.producer.launch.LaunchConfig;
import io.mailstream.producer.launch.MxLookupSettings;
import io.mailstream.producer.launch.LaunchSummary;
import io.mailstream.producer.launch.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code campaign launch FILE}: validates a campaign file and publishes the campaign and its recipients. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = "Validate a campaign file and publish the campaign and one event per recipient.")
public final class LaunchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The campaign file (YAML).")
    Path file;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--recipients", paramLabel = "PATH",
            description = "Read recipients from this CSV/JSONL file instead of the one the campaign file names.")
    Path recipients;

    @Option(names = "--rejects", paramLabel = "PATH",
            description = "Where to write rejected and duplicate rows (default: <campaign id>.rejects.csv in the working directory).")
    Path rejects;

    @Option(names = "--template-version", paramLabel = "N",
            description = "Template version to publish (default: the file's version, or 1).")
    Integer templateVersion;

    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress log lines when not on a terminal (default: ${DEFAULT-VALUE}).")
    long progressSeconds;

    @Option(names = "--skip-suppressed",
            description = "Read mail.suppressions first and publish no event for a recipient it keeps from this campaign's "
                    + "list (counted as suppressed in the summary). Without it the dispatchers drop them when they send.")
    boolean skipSuppressed;

    @Option(names = "--duplicate-window", paramLabel = "SLOTS", defaultValue = "1048576",
            description = "Recent recipients remembered to drop repeats before Kafka, 16 bytes each, a power of two "
                    + "(default: ${DEFAULT-VALUE}); repeats further apart are published and mailed once by the dispatchers.")
    int duplicateWindow;

    @Option(names = "--mx-lookup",
            description = "Look up the MX hosts of each recipient domain outside the provider table once, and route it to the "
                    + "provider whose MX it uses (a Google Workspace domain shares Google's budget) or to its MX host's site. "
                    + "Without it such a domain is routed by itself.")
    boolean mxLookup;

    @Option(names = "--dns-resolver", paramLabel = "HOST[:PORT]",
            description = "The DNS resolver for --mx-lookup (default: the system's).")
    String dnsResolver;

    @Option(names = "--mx-lookup-timeout", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "The longest one domain's MX lookup may take before it is routed by itself (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration mxLookupTimeout;

    @Option(names = "--json", description = "Print the summary as one JSON object on the last line.")
    boolean json;

    /** {@code --mx-lookup} and its settings, validated; empty without it. */
    Optional<MxLookupSettings> mxLookupSettings() {
        if (!mxLookup && dnsResolver != null) {
            throw new IllegalArgumentException("--dns-resolver is only used with --mx-lookup: add --mx-lookup or drop it");
        }
        return mxLookup ? Optional.of(new MxLookupSettings(Optional.ofNullable(dnsResolver), mxLookupTimeout)) : Optional.empty();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            LaunchConfig config = new LaunchConfig(cluster.toConfig(), Optional.ofNullable(recipients),
                    Optional.ofNullable(rejects),
                    templateVersion == null ? OptionalInt.empty() : OptionalInt.of(templateVersion), skipSuppressed, duplicateWindow,
                    mxLookupSettings());
            // Validate before connecting: a broken file should be reported without any Kafka noise.
            CampaignDefinition definition = CampaignFiles.load(file, config.recipientsOverride());
            LaunchSummary summary;
            try (CampaignLauncher launcher = CampaignLauncher.connect(config, Clock.systemUTC(),
                    Progress.auto(Duration.ofSeconds(progressSeconds)))) {
                summary = launcher.launch(definition);
            }
            out.println(summary.describe());
            if (json) {
                out.println(summary.toJson());
            }
            out.flush();
            return CommandErrors.OK;
        } catch (RuntimeException e) {
            return CommandErrors.report(e, spec.commandLine().getErr());
        }
    }
}
