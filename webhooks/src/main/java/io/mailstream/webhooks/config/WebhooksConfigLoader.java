package io.mailstream.webhooks.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code webhooks.yaml} into a {@link WebhooksConfig}. Unknown keys are refused (a typo must not
 * fall back to a default silently) and every failure names the path of its key.
 */
public final class WebhooksConfigLoader {
    private static final Set<String> TOP = Set.of("groupPrefix", "endpoints");
    private static final Set<String> ENDPOINT = Set.of("name", "url", "keyId", "secret", "secretEnv", "events", "campaigns",
            "tenants", "batch", "retry", "startFrom");
    private static final Set<String> BATCH = Set.of("maxEvents", "maxAge");
    private static final Set<String> RETRY = Set.of("initialBackoff", "maxBackoff", "multiplier", "jitter", "giveUpAfter",
            "requestTimeout");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Set<String> knownTypes;
    private final Map<String, String> env;

    /**
     * @param knownTypes the event types the sources produce: a filter naming another is a typo
     * @param env        where {@code secretEnv} is looked up
     */
    public WebhooksConfigLoader(Set<String> knownTypes, Map<String, String> env) {
        this.knownTypes = Set.copyOf(knownTypes);
        this.env = Map.copyOf(env);
    }

    public WebhooksConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidWebhooksConfigException("file " + file, "cannot be read: " + e.getMessage()
                    + "; pass the path of a readable YAML file to --config", e);
        }
        try {
            return parse(text);
        } catch (InvalidWebhooksConfigException e) {
            throw new InvalidWebhooksConfigException(file + ": " + e.path(), e.getMessage().substring(
                    ("webhooks configuration: " + e.path() + " ").length()), e);
        }
    }

    public WebhooksConfig parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new InvalidWebhooksConfigException("(document)", "is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidWebhooksConfigException("(document)", "must be a YAML mapping with an 'endpoints' list");
        }
        refuseUnknown(root, TOP, "");
        String prefix = optionalText(root, "groupPrefix", "groupPrefix", WebhooksConfig.DEFAULT_GROUP_PREFIX);
        JsonNode list = root.get("endpoints");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new InvalidWebhooksConfigException("endpoints", "is required: a list of {name, url, keyId, secret|secretEnv}");
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            EndpointConfig e = endpoint(list.get(i), "endpoints[" + i + "]");
            if (!names.add(e.name())) {
                throw new InvalidWebhooksConfigException("endpoints[" + i + "].name", "'" + e.name()
                        + "' is used by an earlier endpoint: each endpoint needs its own name (it names its consumer group)");
            }
            endpoints.add(e);
        }
        return wrap("groupPrefix", () -> new WebhooksConfig(prefix, endpoints));
    }

    private EndpointConfig endpoint(JsonNode node, String at) {
        if (node == null || !node.isObject()) {
            throw new InvalidWebhooksConfigException(at, "must be a mapping with name, url, keyId and secret or secretEnv");
        }
        refuseUnknown(node, ENDPOINT, at + ".");
        String name = requiredText(node, "name", at + ".name");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidWebhooksConfigException(at + ".name", "must be 1-64 of [A-Za-z0-9._-], was '" + name + "'");
        }
        URI url = url(requiredText(node, "url", at + ".url"), at + ".url");
        String keyId = requiredText(node, "keyId", at + ".keyId");
        String secret = secret(node, at);
        SigningKey key = wrap(at + ".keyId/secret", () -> new SigningKey(keyId, secret));
        EndpointFilter filter = new EndpointFilter(types(node.get("events"), at + ".events"),
                strings(node.get("campaigns"), at + ".campaigns"), strings(node.get("tenants"), at + ".tenants"));
        BatchConfig batch = batch(node.get("batch"), at + ".batch");
        RetryConfig retry = retry(node.get("retry"), at + ".retry");
        String startFrom = optionalText(node, "startFrom", at + ".startFrom", "latest");
        if (!"earliest".equals(startFrom) && !"latest".equals(startFrom)) {
            throw new InvalidWebhooksConfigException(at + ".startFrom", "must be 'earliest' or 'latest', was '" + startFrom + "'");
        }
        return new EndpointConfig(name, url, key, filter, batch, retry, startFrom);
    }

    private String secret(JsonNode node, String at) {
        boolean inline = node.hasNonNull("secret");
        boolean fromEnv = node.hasNonNull("secretEnv");
        if (inline == fromEnv) {
            throw new InvalidWebhooksConfigException(at + ".secret", "give exactly one of 'secret' or 'secretEnv' "
                    + "(the name of an environment variable holding it; keeps the secret out of the file)");
        }
        if (inline) {
            return requiredText(node, "secret", at + ".secret");
        }
        String var = requiredText(node, "secretEnv", at + ".secretEnv");
        String value = env.get(var);
        if (value == null || value.isBlank()) {
            throw new InvalidWebhooksConfigException(at + ".secretEnv", "names $" + var + ", which is not set or empty; export it");
        }
        return value;
    }

    private static URI url(String text, String at) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidWebhooksConfigException(at, "is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidWebhooksConfigException(at, "must be an absolute http(s) URL with a host, was '" + text + "'");
        }
        return uri;
    }

    private Set<String> types(JsonNode node, String at) {
        Set<String> types = strings(node, at);
        Set<String> unknown = new TreeSet<>(types);
        unknown.removeAll(knownTypes);
        if (!unknown.isEmpty()) {
            throw new InvalidWebhooksConfigException(at, "names unknown event types " + unknown + "; known: " + new TreeSet<>(knownTypes));
        }
        return types;
    }

    private static Set<String> strings(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new InvalidWebhooksConfigException(at, "must be a list (leave it out for all)");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new InvalidWebhooksConfigException(at + "[" + i + "]", "must be a non-empty string");
            }
            out.add(v.asText());
        }
        return out;
    }

    private static BatchConfig batch(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return BatchConfig.DEFAULTS;
        }
        object(node, at);
        refuseUnknown(node, BATCH, at + ".");
        int max = intValue(node, "maxEvents", at + ".maxEvents", BatchConfig.DEFAULTS.maxEvents());
        Duration age = duration(node, "maxAge", at + ".maxAge", BatchConfig.DEFAULTS.maxAge());
        return wrap(at + ".maxEvents", () -> new BatchConfig(max, age));
    }

    private static RetryConfig retry(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return RetryConfig.DEFAULTS;
        }
        object(node, at);
        refuseUnknown(node, RETRY, at + ".");
        RetryConfig d = RetryConfig.DEFAULTS;
        Duration initial = duration(node, "initialBackoff", at + ".initialBackoff", d.initialBackoff());
        Duration max = duration(node, "maxBackoff", at + ".maxBackoff", d.maxBackoff());
        double multiplier = doubleValue(node, "multiplier", at + ".multiplier", d.multiplier());
        double jitter = doubleValue(node, "jitter", at + ".jitter", d.jitter());
        Duration giveUp = duration(node, "giveUpAfter", at + ".giveUpAfter", d.giveUpAfter());
        Duration timeout = duration(node, "requestTimeout", at + ".requestTimeout", d.requestTimeout());
        return wrap(at, () -> new RetryConfig(initial, max, multiplier, jitter, giveUp, timeout));
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 1d} or ISO-8601 ({@code PT24H}). */
    static Duration parseDuration(String text, String at) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidWebhooksConfigException(at, "must be a duration like 500ms, 30s, 5m, 24h, 1d or PT24H, was '" + text + "'");
        }
    }

    private static Duration duration(JsonNode node, String field, String at, Duration def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        return parseDuration(v.asText(), at);
    }

    private static int intValue(JsonNode node, String field, String at, int def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidWebhooksConfigException(at, "must be a whole number, was '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private static double doubleValue(JsonNode node, String field, String at, double def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isNumber()) {
            throw new InvalidWebhooksConfigException(at, "must be a number, was '" + v.asText() + "'");
        }
        return v.asDouble();
    }

    private static void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new InvalidWebhooksConfigException(at, "must be a mapping");
        }
    }

    private static String requiredText(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new InvalidWebhooksConfigException(at, "is required (a non-empty string)");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field, String at, String def) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return def;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new InvalidWebhooksConfigException(at, "must be a non-empty string");
        }
        return v.asText();
    }

    private static void refuseUnknown(JsonNode node, Set<String> known, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new InvalidWebhooksConfigException(prefix + name, "is not a known key; known here: " + new TreeSet<>(known));
            }
        }
    }

    private static <T> T wrap(String at, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidWebhooksConfigException(at, e.getMessage(), e);
        }
    }
}
