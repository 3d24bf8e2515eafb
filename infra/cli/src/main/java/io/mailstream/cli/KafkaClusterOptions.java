package io.mailstream.cli;

import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers} and {@code --kafka-config}, for the launcher's own commands (lag, topics, registry). */
public final class KafkaClusterOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else "
                    + KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under mailstream's own client settings.")
    Path kafkaConfig;

    /** Where the environment comes from; tests replace it. */
    Map<String, String> env = System.getenv();

    public KafkaClusterOptions() {
    }

    /** The schema registry at {@code urlOption}, else the file's schema.registry.url, else the default; with the file's credentials. */
    public SchemaRegistryConfig registry(String urlOption) {
        SchemaRegistryConfig registry = KafkaClientSettings.resolve(kafkaConfig, env).registry(urlOption);
        CleartextWarnings.log(registry);
        return registry;
    }

    /** The cluster; throws {@link io.mailstream.schemas.kafka.KafkaConfigException} for a file that cannot be used. */
    public KafkaConnection connection() {
        KafkaConnection kafka = KafkaConnection.resolve(bootstrapServers, KafkaClientSettings.resolve(kafkaConfig, env));
        CleartextWarnings.log(kafka);
        return kafka;
    }
}
