package io.mailstream.producer.cli;

import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.Compression;
import io.mailstream.producer.launch.ProducerTuning;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.kafka.CleartextWarnings;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, and the producer settings; shared by every campaign command. */
public final class ClusterOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: bootstrap.servers of --kafka-config, else "
                    + ClusterConfig.DEFAULT_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(names = KafkaClientSettings.OPTION, paramLabel = "FILE", description = "Kafka client properties file (TLS, SASL ...;"
            + " default: $" + KafkaClientSettings.ENV_VAR + "), merged under mailstream's own producer settings.")
    Path kafkaConfig;

    /** Where the environment comes from; tests replace it. */
    Map<String, String> env = System.getenv();

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Confluent-compatible schema registry URL (default: schema.registry.url of --kafka-config, else "
                    + ClusterConfig.DEFAULT_SCHEMA_REGISTRY_URL + ").")
    String schemaRegistry;

    @Option(names = "--compression", paramLabel = "TYPE", defaultValue = "lz4",
            description = "Batch compression: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "20",
            description = "How long a batch may wait to fill (default: ${DEFAULT-VALUE}).")
    long lingerMs;

    @Option(names = "--batch-size", paramLabel = "BYTES", defaultValue = "262144",
            description = "Producer batch size per partition (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-block-ms", paramLabel = "MS", defaultValue = "30000",
            description = "How long to wait for the broker before failing (default: ${DEFAULT-VALUE}).")
    long maxBlockMs;

    @Option(names = "--delivery-timeout-ms", paramLabel = "MS", defaultValue = "120000",
            description = "How long an event may take to be acknowledged, retries included (default: ${DEFAULT-VALUE}).")
    long deliveryTimeoutMs;

    ClusterConfig toConfig() {
        ProducerTuning d = ProducerTuning.DEFAULTS;
        Duration deliveryTimeout = Duration.ofMillis(deliveryTimeoutMs);
        Duration linger = Duration.ofMillis(lingerMs);
        // Keep request.timeout below delivery.timeout - linger, as Kafka requires, when the latter is shortened.
        Duration request = d.requestTimeout();
        if (deliveryTimeout.minus(linger).compareTo(request) < 0) {
            request = deliveryTimeout.minus(linger);
        }
        ProducerTuning tuning = new ProducerTuning(batchSize, linger, Compression.parse(compression),
                Math.max(d.bufferMemoryBytes(), batchSize), Duration.ofMillis(maxBlockMs), deliveryTimeout, request);
        KafkaClientSettings settings = KafkaClientSettings.resolve(kafkaConfig, env);
        KafkaConnection kafka = KafkaConnection.resolve(bootstrapServers, settings);
        SchemaRegistryConfig registry = settings.registry(schemaRegistry);
        CleartextWarnings.log(kafka, registry);
        return new ClusterConfig(kafka, new RegistryTarget.Url(registry), tuning);
    }
}
