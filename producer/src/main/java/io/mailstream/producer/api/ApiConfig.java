package io.mailstream.producer.api;

import io.mailstream.producer.launch.MxLookupSettings;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.http.ServerTls;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.util.Optional;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.producer.api.status.StatusStoreConfig;
import io.mailstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the transactional HTTP API, read once by {@link ApiConfigLoader} and validated
 * here, so a service never starts with a value it would have to guess about.
 *
 * @param port                 HTTP port; 0 picks a free one (tests)
 * @param bootstrapServers     Kafka bootstrap servers
 * @param schemaRegistryUrl    Confluent-compatible schema registry
 * @param apiKeys              who may call, and from which sender domains
 * @param shards               domains split into several routing keys; must match the dispatchers'
 * @param threads              request-handling threads (a bounded pool)
 * @param queueCapacity        requests waiting for a thread before new ones are answered 503
 * @param maxBodyBytes         largest accepted request body
 * @param publishTimeout       how long a request waits for Kafka to acknowledge its message
 * @param idempotencyCacheSize recent idempotency keys remembered (answers repeats without publishing)
 * @param statusRetention      how long the status of a transactional message is answered ({@code GET /v1/messages/{id}})
 * @param statusStateDir       where this replica keeps its copy of the status store; empty = a temporary folder per start
 * @param kafkaSettings        the user's Kafka client settings ({@code --kafka-config}: TLS, SASL ...)
 * @param tls                  HTTPS, or plain HTTP when empty
 * @param mxLookup             {@code mxLookup}: route each recipient domain outside the provider table by its MX hosts,
 *                             as {@code campaign launch --mx-lookup} does; empty: by the provider table only
 */
public record ApiConfig(
        int port,
        String bootstrapServers,
        String schemaRegistryUrl,
        List<ApiKey> apiKeys,
        DomainShards shards,
        int threads,
        int queueCapacity,
        int maxBodyBytes,
        Duration publishTimeout,
        int idempotencyCacheSize,
        Duration statusRetention,
        Optional<Path> statusStateDir,
        KafkaClientSettings kafkaSettings,
        Optional<ServerTls> tls,
        Optional<MxLookupSettings> mxLookup) {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_THREADS = 16;
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_IDEMPOTENCY_CACHE_SIZE = 100_000;
    public static final Duration DEFAULT_STATUS_RETENTION = Topics.TRANSACTIONAL_STATUS_RETENTION;

    public ApiConfig {
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(kafkaSettings, "kafkaSettings");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(statusStateDir, "statusStateDir");
        Objects.requireNonNull(mxLookup, "mxLookup");
        require(port >= 0 && port <= 65535, "port", "must be in 0..65535, was " + port);
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrapServers", "is required (host:port[,...])");
        require(schemaRegistryUrl != null && !schemaRegistryUrl.isBlank(), "schemaRegistry", "is required (http(s) URL)");
        require(apiKeys != null && !apiKeys.isEmpty(), "apiKeys", "at least one API key is required");
        require(threads >= 1 && threads <= 512, "threads", "must be in 1..512, was " + threads);
        require(queueCapacity >= 1, "queueCapacity", "must be at least 1, was " + queueCapacity);
        require(maxBodyBytes >= 1024, "maxBodyBytes", "must be at least 1024, was " + maxBodyBytes);
        require(publishTimeout != null && !publishTimeout.isNegative() && !publishTimeout.isZero(),
                "publishTimeoutMs", "must be positive");
        require(idempotencyCacheSize >= 1, "idempotencyCacheSize", "must be at least 1, was " + idempotencyCacheSize);
        require(statusRetention != null && !statusRetention.isNegative() && !statusRetention.isZero(),
                "statusRetention", "must be positive (e.g. 7d, 36h)");
        apiKeys = List.copyOf(apiKeys);
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < apiKeys.size(); i++) {
            ApiKey k = apiKeys.get(i);
            require(ids.add(k.id()), "apiKeys[" + i + "].id", "'" + k.id() + "' is used by another key");
            require(secrets.add(k.secret()), "apiKeys[" + i + "].secret", "is used by another key");
        }
    }

    /** A configuration with every default but the cluster and the keys. */
    public static ApiConfig of(int port, String bootstrapServers, String schemaRegistryUrl, List<ApiKey> apiKeys) {
        return new ApiConfig(port, bootstrapServers, schemaRegistryUrl, apiKeys, DomainShards.NONE, DEFAULT_THREADS,
                DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BODY_BYTES, DEFAULT_PUBLISH_TIMEOUT, DEFAULT_IDEMPOTENCY_CACHE_SIZE,
                DEFAULT_STATUS_RETENTION, Optional.empty(), KafkaClientSettings.none(), Optional.empty());
    }

    /** No MX lookups: recipients are routed by the provider table alone. */
    public ApiConfig(int port, String bootstrapServers, String schemaRegistryUrl, List<ApiKey> apiKeys, DomainShards shards,
                     int threads, int queueCapacity, int maxBodyBytes, Duration publishTimeout, int idempotencyCacheSize,
                     Duration statusRetention, Optional<Path> statusStateDir, KafkaClientSettings kafkaSettings,
                     Optional<ServerTls> tls) {
        this(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes, publishTimeout,
                idempotencyCacheSize, statusRetention, statusStateDir, kafkaSettings, tls, Optional.empty());
    }

    /** Plain HTTP (no {@code tls}). */
    public ApiConfig(int port, String bootstrapServers, String schemaRegistryUrl, List<ApiKey> apiKeys, DomainShards shards,
                     int threads, int queueCapacity, int maxBodyBytes, Duration publishTimeout, int idempotencyCacheSize,
                     Duration statusRetention, Optional<Path> statusStateDir, KafkaClientSettings kafkaSettings) {
        this(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes, publishTimeout,
                idempotencyCacheSize, statusRetention, statusStateDir, kafkaSettings, Optional.empty());
    }

    /** The same configuration served over HTTPS with {@code serverTls}. */
    public ApiConfig withTls(Optional<ServerTls> serverTls) {
        return new ApiConfig(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes,
                publishTimeout, idempotencyCacheSize, statusRetention, statusStateDir, kafkaSettings, serverTls, mxLookup);
    }

    /** The same configuration reaching Kafka with the user's client settings. */
    public ApiConfig withKafkaSettings(KafkaClientSettings settings) {
        return new ApiConfig(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes,
                publishTimeout, idempotencyCacheSize, statusRetention, statusStateDir, settings, tls, mxLookup);
    }

    /** The same configuration keeping transactional statuses for {@code retention}, locally in {@code stateDir}. */
    public ApiConfig withStatusStore(Duration retention, Optional<Path> stateDir) {
        return new ApiConfig(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes,
                publishTimeout, idempotencyCacheSize, retention, stateDir, kafkaSettings, tls, mxLookup);
    }

    /** The same configuration routing recipients by their MX hosts ({@code mxLookup}), or not when empty. */
    public ApiConfig withMxLookup(Optional<MxLookupSettings> settings) {
        return new ApiConfig(port, bootstrapServers, schemaRegistryUrl, apiKeys, shards, threads, queueCapacity, maxBodyBytes,
                publishTimeout, idempotencyCacheSize, statusRetention, statusStateDir, kafkaSettings, tls, settings);
    }

    /** How the status store runs. */
    public StatusStoreConfig statusStore() {
        return new StatusStoreConfig(statusRetention, statusStateDir, StatusStoreConfig.DEFAULT_APPLICATION_ID);
    }

    /** The registry: {@code schemaRegistry} of the file, with the credentials and trust store of {@link #kafkaSettings()}. */
    public SchemaRegistryConfig registry() {
        return kafkaSettings.registry(schemaRegistryUrl);
    }

    /** The cluster: {@code bootstrapServers} of the file, with {@link #kafkaSettings()}. */
    public KafkaConnection kafka() {
        return new KafkaConnection(bootstrapServers, kafkaSettings);
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw new InvalidApiConfigException(key, reason);
        }
    }
}
