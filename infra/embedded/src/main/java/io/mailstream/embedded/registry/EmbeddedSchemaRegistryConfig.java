package io.mailstream.embedded.registry;

import io.mailstream.schemas.kafka.KafkaConnection;
import java.time.Duration;

/**
 * How to run the {@link EmbeddedSchemaRegistry}.
 *
 * @param kafka            the Kafka cluster whose {@code _schemas} topic stores the schemas, with the user's client settings
 * @param port             HTTP port; 0 = a free port
 * @param kafkaTimeout     how long a write or the start-up read of {@code _schemas} may take
 * @param httpThreads      threads serving HTTP requests
 * @param security         empty: plain HTTP, no authentication (the default stack); else HTTPS with basic auth
 */
public record EmbeddedSchemaRegistryConfig(KafkaConnection kafka, int port, Duration kafkaTimeout, int httpThreads,
                                           java.util.Optional<RegistryServerSecurity> security) {
    public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_HTTP_THREADS = 4;

    public EmbeddedSchemaRegistryConfig {
        if (kafka == null) {
            throw new IllegalArgumentException("kafka is required");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 (free port) or 1..65535, was " + port);
        }
        if (kafkaTimeout == null || kafkaTimeout.isNegative() || kafkaTimeout.isZero()) {
            throw new IllegalArgumentException("kafkaTimeout must be positive, was " + kafkaTimeout);
        }
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1, was " + httpThreads);
        }
        if (security == null) {
            throw new IllegalArgumentException("security is null; use Optional.empty() for plain HTTP");
        }
    }

    /** Plain HTTP, no authentication. */
    public EmbeddedSchemaRegistryConfig(KafkaConnection kafka, int port, Duration kafkaTimeout, int httpThreads) {
        this(kafka, port, kafkaTimeout, httpThreads, java.util.Optional.empty());
    }

    public EmbeddedSchemaRegistryConfig withSecurity(RegistryServerSecurity serverSecurity) {
        return new EmbeddedSchemaRegistryConfig(kafka, port, kafkaTimeout, httpThreads, java.util.Optional.of(serverSecurity));
    }

    /** A free port, 30 s Kafka timeout, 4 HTTP threads. */
    public static EmbeddedSchemaRegistryConfig forKafka(String bootstrapServers) {
        return new EmbeddedSchemaRegistryConfig(KafkaConnection.plaintext(bootstrapServers), 0, DEFAULT_KAFKA_TIMEOUT, DEFAULT_HTTP_THREADS);
    }
}
