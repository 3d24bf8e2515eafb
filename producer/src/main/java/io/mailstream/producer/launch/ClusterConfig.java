package io.mailstream.producer.launch;

import io.mailstream.schemas.kafka.KafkaConnection;
import java.util.Objects;

/**
 * Where campaigns are published: the Kafka cluster (bootstrap servers and the user's client
 * settings from {@code --kafka-config}), the schema registry and the producer settings. Shared by
 * launches and state changes.
 */
public record ClusterConfig(KafkaConnection kafka, RegistryTarget registry, ProducerTuning tuning) {
    public static final String DEFAULT_BOOTSTRAP_SERVERS = KafkaConnection.DEFAULT_BOOTSTRAP_SERVERS;
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";

    public ClusterConfig {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(kafka, "kafka");
        for (String server : kafka.bootstrapServers().split(",")) {
            String s = server.strip();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("bootstrap server '" + s + "' is not host:port");
            }
        }
    }

    public static ClusterConfig of(String bootstrapServers, String schemaRegistryUrl) {
        return new ClusterConfig(KafkaConnection.plaintext(bootstrapServers), RegistryTarget.url(schemaRegistryUrl),
                ProducerTuning.DEFAULTS);
    }

    public static ClusterConfig of(String bootstrapServers, io.mailstream.schemas.registry.SchemaRegistry registry) {
        return new ClusterConfig(KafkaConnection.plaintext(bootstrapServers), RegistryTarget.instance(registry),
                ProducerTuning.DEFAULTS);
    }

    public ClusterConfig withTuning(ProducerTuning newTuning) {
        return new ClusterConfig(kafka, registry, newTuning);
    }
}
