package io.mailstream.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import io.mailstream.schemas.address.Loopback;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the registry is, how long one request may take, and how the client authenticates and
 * whom it trusts over HTTPS.
 *
 * @param url            the registry, without user info
 * @param requestTimeout per request
 * @param security       credentials and trust store; {@link RegistrySecurity#none()} for an open registry
 */
public record SchemaRegistryConfig(URI url, Duration requestTimeout, RegistrySecurity security) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistryConfig {
        if (url == null) {
            throw new IllegalArgumentException("schema registry url is required (e.g. http://localhost:8081)");
        }
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("schema registry url must be http or https, was '" + withoutUserInfo(url) + "'");
        }
        if (url.getUserInfo() != null) {
            throw new IllegalArgumentException("schema registry url must not carry user info here; use of(url, settings)");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("schema registry request timeout must be positive, was " + requestTimeout);
        }
        Objects.requireNonNull(security, "security");
    }

    public SchemaRegistryConfig(URI url, Duration requestTimeout) {
        this(url, requestTimeout, RegistrySecurity.none());
    }

    /** An open registry (no credentials, the JVM's CAs). */
    public static SchemaRegistryConfig of(String url) {
        return of(url, Map.of());
    }

    /**
     * A registry reached with Confluent's client settings ({@link RegistrySecurity#KEYS}), e.g. from
     * the {@code --kafka-config} file. User info in the URL ({@code https://key:secret@host}) is
     * basic auth when {@code basic.auth.credentials.source} is URL (Confluent's default).
     *
     * @throws IllegalArgumentException naming the setting at fault, never a secret
     */
    public static SchemaRegistryConfig of(String url, Map<String, String> settings) {
        URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        RegistrySecurity security = RegistrySecurity.from(settings, Optional.ofNullable(uri.getUserInfo()));
        return new SchemaRegistryConfig(withoutUserInfo(uri), DEFAULT_REQUEST_TIMEOUT, security);
    }

    /**
     * What a start-up should warn about: registry credentials sent over plain {@code http} to a
     * host that is not loopback. Empty otherwise.
     */
    public List<String> cleartextWarnings() {
        if (!"http".equals(url.getScheme()) || security.credentials() instanceof RegistryCredentials.None
                || Loopback.isLoopback(url.getHost())) {
            return List.of();
        }
        return List.of("the schema registry at " + url + " is reached over http with " + security.credentials().describe()
                + ": the credentials cross the network in clear; use https");
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("schema registry url is not valid", e);
        }
    }
}
