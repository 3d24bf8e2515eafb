package io.mailstream.cli.policies;

import io.mailstream.cli.KafkaClusterOptions;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailstream policies show}: prints the shard map in force. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print the fleet's shard map (" + Topics.SHARD_MAP + ").")
public final class PoliciesShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions kafka;

    @Option(names = "--schema-registry", description = "Schema registry URL (default: schema.registry.url of --kafka-config, "
            + "else http://localhost:8081).")
    String schemaRegistry;

    @Override
    public Integer call() {
        Optional<DomainShards> map = new ShardMapStore(kafka.connection(),
                new RestSchemaRegistryClient(kafka.registry(schemaRegistry))).read();
        PrintWriter out = spec.commandLine().getOut();
        if (map.isEmpty()) {
            out.println("no shard map in " + Topics.SHARD_MAP + ": each component uses its own (campaign shards, API shards, "
                    + "dispatcher domain-shards); apply one with 'mailstream policies apply FILE'");
            return 0;
        }
        ShardMapStore.describe(map.get()).forEach(out::println);
        return 0;
    }
}
