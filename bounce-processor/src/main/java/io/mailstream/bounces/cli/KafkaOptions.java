package io.mailstream.bounces.cli;

import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import picocli.CommandLine.Option;

/** The connection options every Kafka-backed bounce command takes. */
public final class KafkaOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry", defaultValue = "http://localhost:8081",
            description = "Schema registry URL (default: ${DEFAULT-VALUE}).")
    String schemaRegistry;

    public KafkaOptions() {
    }

    SchemaRegistry registry() {
        return new RestSchemaRegistryClient(SchemaRegistryConfig.of(schemaRegistry));
    }
}
