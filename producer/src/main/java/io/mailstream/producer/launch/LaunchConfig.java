package io.mailstream.producer.launch;

import io.mailstream.schemas.registry.SchemaRegistry;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to launch a campaign: the cluster, and what may differ from the campaign file.
 *
 * @param recipientsOverride read recipients from this file instead of the campaign file's own list
 * @param rejectsFile        where rejected and duplicate rows are written; default
 *                           {@code <campaign id>.rejects.csv} in the working directory
 * @param version            template version to publish, instead of the file's (default 1)
 * @param skipSuppressed     read {@code mail.suppressions} first and publish no event for a suppressed
 *                           recipient ({@code --skip-suppressed}); counted in the summary
 * @param duplicateWindow    slots of the {@link DuplicateFilter} (16 bytes each; a power of two, default
 *                           {@link DuplicateFilter#DEFAULT_SLOTS}): repeats further apart are published and
 *                           mailed once by the dispatcher's sent-ledger
 * @param mxLookup           look up the MX hosts of recipient domains outside the provider table once each
 *                           ({@code --mx-lookup}), so that e.g. a Google Workspace domain is routed to {@code site:google};
 *                           empty: only the provider table routes, every other domain by itself
 */
public record LaunchConfig(
        ClusterConfig cluster,
        Optional<Path> recipientsOverride,
        Optional<Path> rejectsFile,
        OptionalInt version,
        boolean skipSuppressed,
        int duplicateWindow,
        Optional<MxLookupSettings> mxLookup) {

    public LaunchConfig {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(recipientsOverride, "recipientsOverride");
        Objects.requireNonNull(rejectsFile, "rejectsFile");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mxLookup, "mxLookup");
        if (version.isPresent() && version.getAsInt() < 1) {
            throw new IllegalArgumentException("campaign version must be at least 1, was " + version.getAsInt());
        }
        if (duplicateWindow < 1 || duplicateWindow > (1 << 26) || Integer.bitCount(duplicateWindow) != 1) {
            throw new IllegalArgumentException("duplicate window must be a power of two between 1 and 67108864, was "
                    + duplicateWindow);
        }
    }

    /**
     * A launch that publishes every valid recipient (the dispatchers drop the suppressed ones when they send), with
     * the default duplicate window.
     */
    public LaunchConfig(ClusterConfig cluster, Optional<Path> recipientsOverride, Optional<Path> rejectsFile, OptionalInt version) {
        this(cluster, recipientsOverride, rejectsFile, version, false, DuplicateFilter.DEFAULT_SLOTS, Optional.empty());
    }

    public static LaunchConfig of(ClusterConfig cluster) {
        return new LaunchConfig(cluster, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** Default producer settings, a registry at a URL. */
    public static LaunchConfig of(String bootstrapServers, String schemaRegistryUrl) {
        return of(ClusterConfig.of(bootstrapServers, schemaRegistryUrl));
    }

    /** Default producer settings, a registry the caller already holds. */
    public static LaunchConfig of(String bootstrapServers, SchemaRegistry registry) {
        return of(ClusterConfig.of(bootstrapServers, registry));
    }

    public LaunchConfig withMxLookup(MxLookupSettings settings) {
        return new LaunchConfig(cluster, recipientsOverride, rejectsFile, version, skipSuppressed, duplicateWindow, Optional.of(settings));
    }

    public LaunchConfig withRecipients(Path recipients) {
        return new LaunchConfig(cluster, Optional.of(recipients), rejectsFile, version, skipSuppressed, duplicateWindow, mxLookup);
    }

    public LaunchConfig withRejectsFile(Path rejects) {
        return new LaunchConfig(cluster, recipientsOverride, Optional.of(rejects), version, skipSuppressed, duplicateWindow, mxLookup);
    }

    public LaunchConfig withSkipSuppressed(boolean skip) {
        return new LaunchConfig(cluster, recipientsOverride, rejectsFile, version, skip, duplicateWindow, mxLookup);
    }

    public LaunchConfig withVersion(int newVersion) {
        return new LaunchConfig(cluster, recipientsOverride, rejectsFile, OptionalInt.of(newVersion), skipSuppressed, duplicateWindow, mxLookup);
    }

    public LaunchConfig withTuning(ProducerTuning tuning) {
        return new LaunchConfig(cluster.withTuning(tuning), recipientsOverride, rejectsFile, version, skipSuppressed, duplicateWindow, mxLookup);
    }

    public LaunchConfig withDuplicateWindow(int slots) {
        return new LaunchConfig(cluster, recipientsOverride, rejectsFile, version, skipSuppressed, slots, mxLookup);
    }

    /** The rejects file for a campaign: the configured one, or {@code <id>.rejects.csv} in the working directory. */
    public Path rejectsFileFor(String campaignId) {
        return rejectsFile.orElseGet(() -> Path.of(campaignId + ".rejects.csv")).toAbsolutePath();
    }
}
