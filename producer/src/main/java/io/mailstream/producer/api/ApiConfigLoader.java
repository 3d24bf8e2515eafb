package io.mailstream.producer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an API configuration file (YAML, so JSON too) into an {@link ApiConfig}. Unknown keys are
 * refused (a typo must not silently fall back to a default), and every failure names its key.
 */
public final class ApiConfigLoader {
    private static final Set<String> TOP_LEVEL = Set.of("port", "bootstrapServers", "schemaRegistry", "apiKeys", "shards",
            "threads", "queueCapacity", "maxBodyBytes", "publishTimeoutMs", "idempotencyCacheSize", "statusRetention",
            "statusStateDir", "mxLookup");
    private static final Set<String> MX_LOOKUP_FIELDS = Set.of("resolver", "timeoutMs");
    private static final Set<String> KEY_FIELDS = Set.of("id", "secret", "senderDomains", "tenant");
    /** Secrets are compared, never looked up by prefix; short ones are guessable. */
    static final int MIN_SECRET_LENGTH = 16;

    private ApiConfigLoader() {
    }

    public static ApiConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidApiConfigException("file " + file, "cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidApiConfigException("file " + file, "must be a YAML mapping");
        }
        return parse(root);
    }

    static ApiConfig parse(JsonNode root) {
        if (root.has("statusCacheSize")) {
            throw new InvalidApiConfigException("statusCacheSize", "is no longer used: transactional statuses are kept for "
                    + "statusRetention (default 7d) whatever the campaign volume; remove the key");
        }
        refuseUnknown(root, TOP_LEVEL, "");
        return new ApiConfig(
                intValue(root, "port", ApiConfig.DEFAULT_PORT),
                requiredText(root, "bootstrapServers"),
                requiredText(root, "schemaRegistry"),
                apiKeys(root.get("apiKeys")),
                shards(root.get("shards")),
                intValue(root, "threads", ApiConfig.DEFAULT_THREADS),
                intValue(root, "queueCapacity", ApiConfig.DEFAULT_QUEUE_CAPACITY),
                intValue(root, "maxBodyBytes", ApiConfig.DEFAULT_MAX_BODY_BYTES),
                Duration.ofMillis(intValue(root, "publishTimeoutMs", (int) ApiConfig.DEFAULT_PUBLISH_TIMEOUT.toMillis())),
                intValue(root, "idempotencyCacheSize", ApiConfig.DEFAULT_IDEMPOTENCY_CACHE_SIZE),
                retention(root.get("statusRetention")),
                optionalText(root, "statusStateDir").map(Path::of),
                KafkaClientSettings.none())
                .withMxLookup(mxLookup(root.get("mxLookup")));
    }

    /**
     * {@code mxLookup: true}, or a mapping with {@code resolver} ({@code host} or {@code host:port}; default the
     * system's) and {@code timeoutMs} (default 2000, at most 30000): route recipients by their MX hosts.
     */
    private static java.util.Optional<io.mailstream.producer.launch.MxLookupSettings> mxLookup(JsonNode node) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
            return java.util.Optional.empty();
        }
        if (node.isBoolean()) {
            return java.util.Optional.of(io.mailstream.producer.launch.MxLookupSettings.defaults());
        }
        if (!node.isObject()) {
            throw new InvalidApiConfigException("mxLookup", "must be true, false or a mapping with resolver and timeoutMs");
        }
        refuseUnknown(node, MX_LOOKUP_FIELDS, "mxLookup.");
        java.util.Optional<String> resolver = optionalText(node, "resolver");
        int timeoutMs = intValue(node, "timeoutMs", (int) io.mailstream.producer.launch.MxLookupSettings.DEFAULT_TIMEOUT.toMillis());
        if (timeoutMs < 1 || timeoutMs > 30_000) {
            throw new InvalidApiConfigException("mxLookup.timeoutMs", "must be in 1..30000, was " + timeoutMs);
        }
        var settings = new io.mailstream.producer.launch.MxLookupSettings(resolver, Duration.ofMillis(timeoutMs));
        try {
            // a resolver that cannot be used must stop the API at start, not fail every request
            new io.mailstream.producer.launch.DnsMxLookup(settings);
        } catch (IllegalArgumentException e) {
            throw new InvalidApiConfigException("mxLookup.resolver", e.getMessage().replace("--dns-resolver ", ""), e);
        }
        return java.util.Optional.of(settings);
    }

    private static List<ApiKey> apiKeys(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new InvalidApiConfigException("apiKeys", "is required: a list of {id, secret, senderDomains}");
        }
        List<ApiKey> keys = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "apiKeys[" + i + "]";
            JsonNode k = node.get(i);
            if (!k.isObject()) {
                throw new InvalidApiConfigException(at, "must be a mapping with id, secret, senderDomains");
            }
            refuseUnknown(k, KEY_FIELDS, at + ".");
            String id = requiredText(k, "id", at + ".id");
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new InvalidApiConfigException(at + ".id", "must be 1-64 of [A-Za-z0-9._-], was '" + id + "'");
            }
            String secret = requiredText(k, "secret", at + ".secret");
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new InvalidApiConfigException(at + ".secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
            }
            JsonNode domains = k.get("senderDomains");
            if (domains == null || !domains.isArray() || domains.isEmpty()) {
                throw new InvalidApiConfigException(at + ".senderDomains", "is required: the domains this key may send from");
            }
            Set<Domain> allowed = new HashSet<>();
            for (JsonNode d : domains) {
                try {
                    allowed.add(Domain.of(d.asText()));
                } catch (InvalidAddressException e) {
                    throw new InvalidApiConfigException(at + ".senderDomains", "'" + d.asText() + "': " + e.reason(), e);
                }
            }
            TenantId tenant = TenantId.DEFAULT;
            JsonNode t = k.get("tenant");
            if (t != null && !t.isNull()) {
                if (!t.isTextual() || !TenantId.isValid(t.asText())) {
                    throw new InvalidApiConfigException(at + ".tenant",
                            "must be 1-64 of [A-Za-z0-9._-] starting with a letter or digit, was '" + t.asText() + "'");
                }
                tenant = TenantId.of(t.asText());
            }
            keys.add(new ApiKey(id, secret, allowed, tenant));
        }
        return keys;
    }

    private static DomainShards shards(JsonNode node) {
        if (node == null || node.isNull()) {
            return DomainShards.NONE;
        }
        if (!node.isObject()) {
            throw new InvalidApiConfigException("shards", "must be a mapping of domain: count");
        }
        Map<RouteTarget, Integer> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) {
                throw new InvalidApiConfigException("shards." + e.getKey(), "must be a whole number");
            }
            try {
                m.put(DomainShards.target(e.getKey()), e.getValue().asInt());
            } catch (InvalidAddressException ex) {
                throw new InvalidApiConfigException("shards." + e.getKey(), ex.reason(), ex);
            }
        }
        try {
            return new DomainShards(m);
        } catch (IllegalArgumentException ex) {
            throw new InvalidApiConfigException("shards", ex.getMessage(), ex);
        }
    }

    private static void refuseUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidApiConfigException(prefix + name, "is not a known key (known: " + new TreeSet<>(known) + ")");
            }
        }
    }

    /** {@code 7d}, {@code 36h}, {@code 90m} or {@code 600s}. */
    private static Duration retention(JsonNode node) {
        if (node == null || node.isNull()) {
            return ApiConfig.DEFAULT_STATUS_RETENTION;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,5})([dhms])").matcher(node.asText().strip());
        if (!node.isTextual() || !m.matches()) {
            throw new InvalidApiConfigException("statusRetention", "must be a whole number of d, h, m or s (e.g. 7d), was '"
                    + node.asText() + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static java.util.Optional<String> optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return java.util.Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidApiConfigException(field, "must be a non-empty string");
        }
        return java.util.Optional.of(v.asText().strip());
    }

    private static String requiredText(JsonNode node, String field) {
        return requiredText(node, field, field);
    }

    private static String requiredText(JsonNode node, String field, String key) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new InvalidApiConfigException(key, "is required");
        }
        return v.asText().strip();
    }

    private static int intValue(JsonNode node, String field, int defaultValue) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidApiConfigException(field, "must be a whole number, was '" + v.asText() + "'");
        }
        return v.asInt();
    }
}
