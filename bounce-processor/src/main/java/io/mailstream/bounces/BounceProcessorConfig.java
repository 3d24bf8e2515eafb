package io.mailstream.bounces;

import io.mailstream.bounces.api.HttpApiConfig;
import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.topology.BounceConfigException;
import io.mailstream.bounces.topology.TopologyConfig;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a {@link BounceProcessor} needs, validated once at construction.
 *
 * @param kafka            Kafka bootstrap servers and the user's client settings ({@code --kafka-config})
 * @param schemaRegistry   the Confluent-compatible schema registry
 * @param applicationId    Kafka Streams application id (consumer group, internal topic prefix)
 * @param stateDir         Kafka Streams state directory (RocksDB stores); keep it outside /tmp in production
 * @param streamThreads    Kafka Streams threads
 * @param receiver         the SMTP bounce receiver
 * @param topology         soft-bounce window, threshold and suppression period
 * @param shutdownTimeout  how long {@code close()} waits for Kafka Streams
 * @param http             the HTTP API (suppressions, one-click unsubscribe)
 */
public record BounceProcessorConfig(KafkaConnection kafka, SchemaRegistryConfig schemaRegistry, String applicationId,
                                    Path stateDir, int streamThreads, ReceiverConfig receiver, TopologyConfig topology,
                                    Duration shutdownTimeout, HttpApiConfig http) {

    public static final String DEFAULT_APPLICATION_ID = "mailstream-bounce-processor";
    public static final int DEFAULT_STREAM_THREADS = 1;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    public BounceProcessorConfig {
        if (kafka == null) {
            throw BounceConfigException.invalid("bootstrapServers", "is required");
        }
        if (schemaRegistry == null) {
            throw BounceConfigException.invalid("schemaRegistry", "is required");
        }
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
            throw BounceConfigException.invalid("applicationId", "must be letters, digits, '.', '_' or '-', was " + applicationId);
        }
        if (stateDir == null) {
            throw BounceConfigException.invalid("stateDir", "is required");
        }
        if (streamThreads < 1) {
            throw BounceConfigException.invalid("streamThreads", "must be at least 1, was " + streamThreads);
        }
        if (receiver == null || topology == null) {
            throw BounceConfigException.invalid(receiver == null ? "receiver" : "topology", "is required");
        }
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw BounceConfigException.invalid("shutdownTimeout", "must not be negative, was " + shutdownTimeout);
        }
        if (http == null) {
            throw BounceConfigException.invalid("http", "is required");
        }
    }

    /** Defaults for everything but the connections and the receiver; the HTTP API on a free loopback port. */
    public static BounceProcessorConfig of(String bootstrapServers, String schemaRegistryUrl, ReceiverConfig receiver) {
        return of(KafkaConnection.plaintext(bootstrapServers), schemaRegistryUrl, receiver);
    }

    /**
     * {@link #of(String, String, ReceiverConfig)} for a cluster reached with the user's client settings; the
     * registry client takes its credentials and CA from the same settings (one file serves both).
     */
    public static BounceProcessorConfig of(KafkaConnection kafka, String schemaRegistryUrl, ReceiverConfig receiver) {
        return new BounceProcessorConfig(kafka, kafka.settings().registry(schemaRegistryUrl), DEFAULT_APPLICATION_ID,
                defaultStateDir(DEFAULT_APPLICATION_ID), DEFAULT_STREAM_THREADS, receiver, TopologyConfig.defaults(),
                DEFAULT_SHUTDOWN_TIMEOUT, HttpApiConfig.loopbackAnyPort());
    }

    /** {@code <java.io.tmpdir>/mailstream-bounce-processor/<applicationId>}. */
    public static Path defaultStateDir(String applicationId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "mailstream-bounce-processor", applicationId);
    }

    public BounceProcessorConfig withStateDir(Path dir) {
        return new BounceProcessorConfig(kafka, schemaRegistry, applicationId, dir, streamThreads, receiver,
                topology, shutdownTimeout, http);
    }

    public BounceProcessorConfig withApplicationId(String id) {
        return new BounceProcessorConfig(kafka, schemaRegistry, id, stateDir, streamThreads, receiver,
                topology, shutdownTimeout, http);
    }

    public BounceProcessorConfig withHttp(HttpApiConfig h) {
        return new BounceProcessorConfig(kafka, schemaRegistry, applicationId, stateDir, streamThreads, receiver,
                topology, shutdownTimeout, h);
    }

    public BounceProcessorConfig withTopology(TopologyConfig t) {
        return new BounceProcessorConfig(kafka, schemaRegistry, applicationId, stateDir, streamThreads, receiver,
                t, shutdownTimeout, http);
    }
}
