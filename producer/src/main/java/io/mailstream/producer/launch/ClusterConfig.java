package io.mailstream.producer.launch;

import java.util.Objects;

/**
 * Where campaigns are published: the Kafka bootstrap servers, the schema registry and the producer
 * settings. Shared by launches and state changes.
 */
public record ClusterConfig(String bootstrapServers, RegistryTarget registry, ProducerTuning tuning) {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";

    public ClusterConfig {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tuning, "tuning");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required (host:port[,host:port...])");
        }
        for (String server : bootstrapServers.split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bootstrap server '" + s + "' is not host:port");
            }
        }
    }

    public static ClusterConfig of(String bootstrapServers, String schemaRegistryUrl) {
        return new ClusterConfig(bootstrapServers, RegistryTarget.url(schemaRegistryUrl), ProducerTuning.DEFAULTS);
    }

    public static ClusterConfig of(String bootstrapServers, io.mailstream.schemas.registry.SchemaRegistry registry) {
        return new ClusterConfig(bootstrapServers, RegistryTarget.instance(registry), ProducerTuning.DEFAULTS);
    }

    public ClusterConfig withTuning(ProducerTuning newTuning) {
        return new ClusterConfig(bootstrapServers, registry, newTuning);
    }
}
