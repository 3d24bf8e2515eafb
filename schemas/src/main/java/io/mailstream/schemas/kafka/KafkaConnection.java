package io.mailstream.schemas.kafka;

import io.mailstream.schemas.address.Loopback;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every mailstream Kafka client reaches the cluster: the bootstrap servers and the user's
 * client settings (TLS, SASL ...). {@link #merge} is the one place where the two meet the settings
 * each client owns, so that a secured cluster needs nothing but a properties file.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param settings         the user's client settings; {@link KafkaClientSettings#none()} for a plaintext cluster
 */
public record KafkaConnection(String bootstrapServers, KafkaClientSettings settings) {
    /** Where clients go when neither {@code --bootstrap-servers} nor the file says. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnection.class);

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required (host:port[,host:port...])");
        }
        bootstrapServers = bootstrapServers.strip();
        Objects.requireNonNull(settings, "settings");
    }

    /** A cluster without TLS or authentication (the embedded stack, tests). */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, KafkaClientSettings.none());
    }

    /**
     * The bootstrap servers given on the command line ({@code null} when not given) win over the
     * file's {@code bootstrap.servers}, which wins over {@value #DEFAULT_BOOTSTRAP_SERVERS}.
     */
    public static KafkaConnection resolve(String bootstrapOption, KafkaClientSettings settings) {
        String servers = bootstrapOption != null && !bootstrapOption.isBlank() ? bootstrapOption
                : settings.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).orElse(DEFAULT_BOOTSTRAP_SERVERS);
        return new KafkaConnection(servers, settings);
    }

    /**
     * Client properties: the user's settings, then {@code bootstrap.servers}, then {@code owned}
     * on top. What mailstream owns (serializers, acks, idempotence, group and client ids ...) is
     * never replaced by the file; a file value it replaces is logged (by key, never by value).
     */
    public Properties merge(Map<?, ?> owned) {
        Properties p = new Properties();
        p.putAll(settings.kafkaEntries());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        owned.forEach((k, v) -> {
            String key = String.valueOf(k);
            String mine = settings.kafkaEntries().get(key);
            if (mine != null && !mine.equals(String.valueOf(v))) {
                Object client = owned.get(CommonClientConfigs.CLIENT_ID_CONFIG);
                LOG.warn("{} in {} is ignored{}: mailstream sets it itself", key, settings.describeOrigin(),
                        client == null ? "" : " for client " + client);
            }
            p.put(k, v);
        });
        return p;
    }

    /**
     * What a start-up should warn about: records, and with SASL/PLAIN the password, crossing a
     * network unencrypted ({@code PLAINTEXT} or {@code SASL_PLAINTEXT} to a host that is not
     * loopback). Empty when nothing leaves the machine in clear.
     */
    public List<String> cleartextWarnings() {
        String protocol = settings.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG).orElse("PLAINTEXT").strip()
                .toUpperCase(Locale.ROOT);
        if (!protocol.equals("PLAINTEXT") && !protocol.equals("SASL_PLAINTEXT")) {
            return List.of();
        }
        List<String> remote = Arrays.stream(bootstrapServers.split(",")).map(Loopback::hostOf)
                .filter(h -> !Loopback.isLoopback(h)).toList();
        if (remote.isEmpty()) {
            return List.of();
        }
        boolean plainPassword = protocol.equals("SASL_PLAINTEXT")
                && settings.get("sasl.mechanism").map(m -> m.strip().equalsIgnoreCase("PLAIN")).orElse(false);
        return List.of("Kafka at " + String.join(", ", remote) + " is reached over " + protocol + ": mail data"
                + (plainPassword ? " and the SASL/PLAIN password cross" : " crosses")
                + " the network unencrypted; use SSL or SASL_SSL in the --kafka-config file");
    }

    /** {@link #merge} with nothing owned but what the caller adds afterwards. */
    public Properties merge() {
        return merge(Map.of());
    }
}
