package io.mailstream.schemas.registry;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the registry client authenticates and whom it trusts, read from Confluent's client settings
 * so that one properties file serves Kafka and the registry (see {@link #KEYS}).
 *
 * @param credentials basic auth, a bearer token, or none
 * @param trustStore  the CAs to trust for HTTPS instead of the JVM's; empty for the JVM's
 */
public record RegistrySecurity(RegistryCredentials credentials, Optional<RegistryTrustStore> trustStore) {
    public static final String BASIC_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_USER_INFO = "basic.auth.user.info";
    public static final String SR_BASIC_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String BEARER_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_TOKEN = "bearer.auth.token";
    public static final String BEARER_LOGICAL_CLUSTER = "bearer.auth.logical.cluster";
    public static final String BEARER_IDENTITY_POOL = "bearer.auth.identity.pool.id";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";

    /** Every registry setting a client properties file may hold (besides {@code schema.registry.url}). */
    public static final Set<String> KEYS = Set.of(BASIC_SOURCE, BASIC_USER_INFO, SR_BASIC_USER_INFO, BEARER_SOURCE,
            BEARER_TOKEN, BEARER_LOGICAL_CLUSTER, BEARER_IDENTITY_POOL, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD,
            TRUSTSTORE_TYPE);

    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    public RegistrySecurity {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(trustStore, "trustStore");
    }

    public static RegistrySecurity none() {
        return new RegistrySecurity(new RegistryCredentials.None(), Optional.empty());
    }

    /**
     * Reads Confluent's settings. {@code basic.auth.credentials.source} is USER_INFO
     * ({@code basic.auth.user.info}), URL (the {@code user:password@} of the registry URL, the default)
     * or SASL_INHERIT (username and password of {@code sasl.jaas.config});
     * {@code bearer.auth.credentials.source} is STATIC_TOKEN (the default). Both at once, or a user
     * info that its source would ignore, is refused rather than guessed at.
     *
     * @throws IllegalArgumentException naming the key at fault (never its value)
     */
    public static RegistrySecurity from(Map<String, String> settings, Optional<String> urlUserInfo) {
        RegistryCredentials basic = basic(settings, urlUserInfo);
        RegistryCredentials bearer = bearer(settings);
        if (!(basic instanceof RegistryCredentials.None) && !(bearer instanceof RegistryCredentials.None)) {
            throw new IllegalArgumentException("both basic auth (" + basic.describe() + ") and " + BEARER_TOKEN
                    + " are set for the schema registry; keep one");
        }
        Optional<RegistryTrustStore> store = Optional.ofNullable(settings.get(TRUSTSTORE_LOCATION))
                .map(location -> new RegistryTrustStore(Path.of(location.strip()), settings.get(TRUSTSTORE_PASSWORD),
                        settings.get(TRUSTSTORE_TYPE)));
        if (store.isEmpty() && (settings.containsKey(TRUSTSTORE_PASSWORD) || settings.containsKey(TRUSTSTORE_TYPE))) {
            throw new IllegalArgumentException(TRUSTSTORE_PASSWORD + "/" + TRUSTSTORE_TYPE + " are set without "
                    + TRUSTSTORE_LOCATION);
        }
        return new RegistrySecurity(bearer instanceof RegistryCredentials.None ? basic : bearer, store);
    }

    private static RegistryCredentials basic(Map<String, String> s, Optional<String> urlUserInfo) {
        String source = s.getOrDefault(BASIC_SOURCE, "URL").strip().toUpperCase(Locale.ROOT);
        String userInfo = s.containsKey(BASIC_USER_INFO) ? s.get(BASIC_USER_INFO) : s.get(SR_BASIC_USER_INFO);
        return switch (source) {
            case "USER_INFO" -> {
                if (userInfo == null) {
                    throw new IllegalArgumentException(BASIC_SOURCE + "=USER_INFO needs " + BASIC_USER_INFO + "=user:password");
                }
                yield new RegistryCredentials.Basic(userInfo, BASIC_USER_INFO);
            }
            case "URL" -> {
                if (userInfo != null) {
                    throw new IllegalArgumentException(BASIC_USER_INFO + " is set but " + BASIC_SOURCE
                            + " is not USER_INFO, so it would be ignored; add " + BASIC_SOURCE + "=USER_INFO");
                }
                yield urlUserInfo.<RegistryCredentials>map(u -> new RegistryCredentials.Basic(u, "the user info of schema.registry.url"))
                        .orElse(new RegistryCredentials.None());
            }
            case "SASL_INHERIT" -> {
                String jaas = s.getOrDefault("sasl.jaas.config", "");
                Matcher user = JAAS_USER.matcher(jaas);
                Matcher password = JAAS_PASSWORD.matcher(jaas);
                if (!user.find() || !password.find()) {
                    throw new IllegalArgumentException(BASIC_SOURCE + "=SASL_INHERIT needs a sasl.jaas.config with"
                            + " username=\"…\" and password=\"…\" (PLAIN or SCRAM)");
                }
                yield new RegistryCredentials.Basic(user.group(1) + ":" + password.group(1), "sasl.jaas.config");
            }
            default -> throw new IllegalArgumentException(BASIC_SOURCE + " must be USER_INFO, URL or SASL_INHERIT, was " + source);
        };
    }

    private static RegistryCredentials bearer(Map<String, String> s) {
        boolean any = s.containsKey(BEARER_SOURCE) || s.containsKey(BEARER_TOKEN);
        if (!any) {
            if (s.containsKey(BEARER_LOGICAL_CLUSTER) || s.containsKey(BEARER_IDENTITY_POOL)) {
                throw new IllegalArgumentException(BEARER_LOGICAL_CLUSTER + "/" + BEARER_IDENTITY_POOL + " need " + BEARER_TOKEN);
            }
            return new RegistryCredentials.None();
        }
        String source = s.getOrDefault(BEARER_SOURCE, "STATIC_TOKEN").strip().toUpperCase(Locale.ROOT);
        if (!source.equals("STATIC_TOKEN")) {
            throw new IllegalArgumentException(BEARER_SOURCE + "=" + source + " is not supported; use STATIC_TOKEN with "
                    + BEARER_TOKEN + " (refresh the token by restarting with a new file)");
        }
        return new RegistryCredentials.Bearer(s.get(BEARER_TOKEN), Optional.ofNullable(s.get(BEARER_LOGICAL_CLUSTER)),
                Optional.ofNullable(s.get(BEARER_IDENTITY_POOL)));
    }
}
