package io.mailstream.embedded.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * HTTPS and basic authentication for the embedded registry, as Confluent's registry offers them:
 * every request must carry {@code Authorization: Basic} of one of {@code users}.
 *
 * @param tls   the server's certificate
 * @param users user name to password
 */
public record RegistryServerSecurity(SSLContext tls, Map<String, String> users) {
    public RegistryServerSecurity {
        Objects.requireNonNull(tls, "tls");
        users = Map.copyOf(users);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a secured registry needs at least one user");
        }
    }

    /** The user an {@code Authorization} header proves, if it proves one. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String expected = users.get(user);
        // constant-time, so a guess does not learn how much of it was right
        boolean ok = expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        return ok ? Optional.of(user) : Optional.empty();
    }

    @Override
    public String toString() {
        return "RegistryServerSecurity[users=" + users.keySet() + "]";
    }
}
