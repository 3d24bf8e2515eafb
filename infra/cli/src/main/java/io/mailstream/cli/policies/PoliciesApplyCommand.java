package io.mailstream.cli.policies;

import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.dispatcher.config.PacingConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream policies apply FILE}: checks a pacing file as a dispatcher would (every key, every
 * value) and publishes its {@code domain-shards} as the fleet's one shard map in
 * {@code mail.shard-map}, which launch, the API and every dispatcher read at start.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Validate a pacing file (--pacing-config of the dispatchers) and publish its domain-shards as the fleet's "
                + "shard map (" + Topics.SHARD_MAP + "). Restart dispatchers and API replicas to use a changed map.")
public final class PoliciesApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--schema-registry", description = "Schema registry URL (default: schema.registry.url of --kafka-config, "
            + "else http://localhost:8081).")
    String schemaRegistry;

    @Parameters(index = "0", paramLabel = "FILE", description = "The pacing properties file (policy.*, domain-shards, ...).")
    Path file;

    @Override
    public Integer call() throws Exception {
        PacingConfig pacing = PacingProperties.load(file);
        ShardMapStore store = new ShardMapStore(kafka.connection(), new RestSchemaRegistryClient(kafka.registry(schemaRegistry)));
        store.apply(pacing.shards(), file.toAbsolutePath().toString(), Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        out.println("applied shard map from " + file + " to " + Topics.SHARD_MAP + ":");
        ShardMapStore.describe(pacing.shards()).forEach(l -> out.println("  " + l));
        return 0;
    }
}
