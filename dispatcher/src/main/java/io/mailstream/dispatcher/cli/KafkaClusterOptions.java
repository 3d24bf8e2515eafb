package io.mailstream.dispatcher.cli;

import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers}, {@code --kafka-config} and {@code --schema-registry} of the dispatcher's
 * commands ({@code dispatcher}, {@code tlsrpt send}: both run as the dispatcher's Kafka principal).
 */
public final class KafkaClusterOptions {
    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else localhost:9092).")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under the dispatcher's own settings.")
    Path kafkaConfig;

    @Option(names = "--schema-registry", description = "Schema registry URL (default: schema.registry.url of --kafka-config, else http://localhost:8081).")
    String schemaRegistry;

    public KafkaClusterOptions() {
    }

    /** The file's settings; throws {@link io.mailstream.schemas.kafka.KafkaConfigException} for a file that cannot be used. */
    KafkaClientSettings settings() {
        return KafkaClientSettings.resolve(kafkaConfig, System.getenv());
    }

    /** The cluster: {@code --bootstrap-servers}, else the file's. */
    KafkaConnection connection(KafkaClientSettings settings) {
        return KafkaConnection.resolve(bootstrapServers, settings);
    }

    /** {@code --schema-registry}, else the file's schema.registry.url, else the default. */
    String registryUrl(KafkaClientSettings settings) {
        return schemaRegistry != null ? schemaRegistry
                : settings.get(KafkaClientSettings.REGISTRY_URL).orElse(KafkaClientSettings.DEFAULT_REGISTRY_URL);
    }
}
