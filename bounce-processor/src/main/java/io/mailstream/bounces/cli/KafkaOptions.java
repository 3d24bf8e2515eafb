package io.mailstream.bounces.cli;

import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The connection options every Kafka-backed bounce command takes. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under mailstream's own client settings.")
    Path kafkaConfig;

    @Option(names = "--schema-registry",
            description = "Schema registry URL (default: schema.registry.url of --kafka-config, else http://localhost:8081).")
    String schemaRegistry;

    /** Where the environment comes from; tests replace it. */
    Map<String, String> env = System.getenv();

    public KafkaOptions() {
    }

    /** The cluster these options name; fails with {@link io.mailstream.schemas.kafka.KafkaConfigException} on a bad file. */
    KafkaConnection connection() {
        KafkaConnection kafka = KafkaConnection.resolve(bootstrapServers, settings());
        CleartextWarnings.log(kafka);
        return kafka;
    }

    /** The registry client's configuration, with the credentials and trust store of the same file. */
    SchemaRegistryConfig registryConfig() {
        SchemaRegistryConfig registry = settings().registry(schemaRegistry);
        CleartextWarnings.log(registry);
        return registry;
    }

    SchemaRegistry registry() {
        return new RestSchemaRegistryClient(registryConfig());
    }

    private KafkaClientSettings settings() {
        return KafkaClientSettings.resolve(kafkaConfig, env);
    }
}
