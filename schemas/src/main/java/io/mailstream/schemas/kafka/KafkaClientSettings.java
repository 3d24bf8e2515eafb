package io.mailstream.schemas.kafka;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import io.mailstream.schemas.registry.RegistrySecurity;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's Kafka client settings (TLS, SASL, timeouts ...) read from a standard Kafka client
 * properties file, as Kafka's own tools take with {@code --command-config}. The same file may hold
 * the schema registry's Confluent-named settings ({@link #REGISTRY_KEYS}), so one file serves both.
 *
 * <p>The file is checked line by line when it is read: a key that no Kafka client (consumer,
 * producer, admin) or the registry client knows, a key given twice, an empty value, an unknown
 * {@code security.protocol} or a key store that is not there fails with the file, the line and
 * what to fix. Values are never shown: {@link #toString()} lists keys only.
 *
 * <p>These settings go <em>under</em> the ones mailstream owns ({@link KafkaConnection#merge}).
 *
 * @param entries every key of the file with its value
 * @param origin  the file they came from; empty for {@link #none()}
 */
public record KafkaClientSettings(Map<String, String> entries, Optional<Path> origin) {
    /** The command-line option every command takes. */
    public static final String OPTION = "--kafka-config";
    /** The environment variable naming the file when {@link #OPTION} is not given. */
    public static final String ENV_VAR = "MAILSTREAM_KAFKA_CONFIG";

    /** The schema registry client's settings (Confluent's names) that may share the file. */
    public static final Set<String> REGISTRY_KEYS = registryKeys();

    /** The registry's URL in the file, used when {@code --schema-registry} is not given. */
    public static final String REGISTRY_URL = "schema.registry.url";
    /** Where the registry client goes when neither {@code --schema-registry} nor the file says. */
    public static final String DEFAULT_REGISTRY_URL = "http://localhost:8081";

    /**
     * Keys that say who a client is or how it frames records: always mailstream's, so the file's
     * are dropped (with a warning) even for clients that set none of them (e.g. group-less readers).
     */
    public static final Set<String> MAILSTREAM_OWNED_KEYS = Set.of("group.id", "group.instance.id", "client.id",
            "transactional.id", "key.serializer", "value.serializer", "key.deserializer", "value.deserializer");

    private static final Logger LOG = LoggerFactory.getLogger(KafkaClientSettings.class);
    private static final Set<String> KAFKA_KEYS = kafkaKeys();
    private static final Set<String> FILE_KEYS = Set.of("ssl.truststore.location", "ssl.keystore.location");

    public KafkaClientSettings {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        origin = origin == null ? Optional.empty() : origin;
    }

    /** No file: plaintext, unauthenticated clients. */
    public static KafkaClientSettings none() {
        return new KafkaClientSettings(Map.of(), Optional.empty());
    }

    /**
     * The file given on the command line, else the one named by {@value #ENV_VAR} in {@code env},
     * else {@link #none()}.
     */
    public static KafkaClientSettings resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return load(option);
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return load(Path.of(fromEnv.strip()));
        }
        return none();
    }

    /** Reads and checks a Kafka client properties file. */
    public static KafkaClientSettings load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            throw KafkaConfigException.unreadable(file, e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int first = i + 1;
            String trimmed = lines.get(i).stripLeading();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(lines.get(i));
            while (endsWithContinuation(lines.get(i)) && i + 1 < lines.size()) {
                i++;
                logical.append('\n').append(lines.get(i));
            }
            Map.Entry<String, String> entry = parseOne(file, first, logical.toString());
            String key = entry.getKey();
            if (lineOf.containsKey(key)) {
                throw KafkaConfigException.atLine(file, first, "'" + key + "' is given twice (first on line "
                        + lineOf.get(key) + "); keep one");
            }
            check(file, first, key, entry.getValue());
            lineOf.put(key, first);
            entries.put(key, entry.getValue());
        }
        Set<String> ignored = new TreeSet<>(entries.keySet());
        ignored.retainAll(MAILSTREAM_OWNED_KEYS);
        if (!ignored.isEmpty()) {
            LOG.warn("{} in {} {} ignored: mailstream sets them for each of its clients", ignored, file,
                    ignored.size() == 1 ? "is" : "are");
        }
        return new KafkaClientSettings(entries, Optional.of(file));
    }

    /** The value of a key, if the file sets it. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The entries meant for Kafka clients: neither the registry's nor {@link #MAILSTREAM_OWNED_KEYS}. */
    public Map<String, String> kafkaEntries() {
        return entries.entrySet().stream()
                .filter(e -> !REGISTRY_KEYS.contains(e.getKey()) && !MAILSTREAM_OWNED_KEYS.contains(e.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The schema registry client's configuration: the URL given on the command line ({@code null}
     * when not given), else the file's {@code schema.registry.url}, else {@value #DEFAULT_REGISTRY_URL};
     * credentials and trust store from the file's Confluent-named settings ({@link RegistrySecurity}).
     *
     * @throws KafkaConfigException naming the file and the setting at fault
     */
    public SchemaRegistryConfig registry(String urlOption) {
        String url = urlOption != null && !urlOption.isBlank() ? urlOption.strip()
                : get(REGISTRY_URL).map(String::strip).orElse(DEFAULT_REGISTRY_URL);
        try {
            return SchemaRegistryConfig.of(url, entries);
        } catch (IllegalArgumentException e) {
            throw KafkaConfigException.registry(origin.orElse(null), e.getMessage());
        }
    }

    /** Where these settings came from, for messages: the file, or "no --kafka-config". */
    public String describeOrigin() {
        return origin.map(Path::toString).orElse("no " + OPTION);
    }

    @Override
    public String toString() {
        return "KafkaClientSettings[" + describeOrigin() + ", keys=" + new TreeSet<>(entries.keySet()) + "]";
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int j = line.length() - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static Map.Entry<String, String> parseOne(Path file, int line, String logical) {
        Properties one = new Properties();
        try {
            one.load(new StringReader(logical));
        } catch (IOException | IllegalArgumentException e) {
            throw KafkaConfigException.atLine(file, line, "cannot be read as key=value (" + e.getMessage()
                    + "); check its escapes (\\uXXXX) or remove the line");
        }
        String key = one.stringPropertyNames().iterator().next();
        return Map.entry(key, one.getProperty(key));
    }

    private static void check(Path file, int line, String key, String value) {
        if (key.isEmpty()) {
            throw KafkaConfigException.atLine(file, line, "has no key; write key=value");
        }
        if (!KAFKA_KEYS.contains(key) && !REGISTRY_KEYS.contains(key)) {
            throw KafkaConfigException.atLine(file, line, "'" + key + "' is not a setting of Kafka's consumer, producer"
                    + " or admin client, nor of the schema registry client; fix its name or remove the line"
                    + " (Kafka's names: https://kafka.apache.org/documentation/#consumerconfigs)");
        }
        if (value.isBlank()) {
            throw KafkaConfigException.atLine(file, line, "'" + key + "' has no value; give one (key=value) or remove the line");
        }
        if (key.equals("security.protocol") && !SecurityProtocol.names().contains(value.strip().toUpperCase(Locale.ROOT))) {
            throw KafkaConfigException.atLine(file, line, "security.protocol must be one of " + SecurityProtocol.names());
        }
        if (FILE_KEYS.contains(key) || key.endsWith(".truststore.location") || key.endsWith(".keystore.location")) {
            Path store = Path.of(value.strip());
            if (!Files.isReadable(store)) {
                throw KafkaConfigException.atLine(file, line, key + " names " + store
                        + ", which does not exist or cannot be read; mount it there or fix the path");
            }
        }
    }

    private static Set<String> registryKeys() {
        Set<String> keys = new TreeSet<>(RegistrySecurity.KEYS);
        keys.add("schema.registry.url");
        return Set.copyOf(keys);
    }

    private static Set<String> kafkaKeys() {
        Set<String> keys = new TreeSet<>(ConsumerConfig.configNames());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        return Set.copyOf(keys);
    }
}
