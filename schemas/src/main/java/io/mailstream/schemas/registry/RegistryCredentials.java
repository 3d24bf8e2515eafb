package io.mailstream.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Who the registry client says it is, by Confluent's settings: HTTP basic auth
 * ({@code basic.auth.credentials.source} + {@code basic.auth.user.info}) or a bearer token
 * ({@code bearer.auth.credentials.source=STATIC_TOKEN} + {@code bearer.auth.token}). Secrets never
 * appear in {@link #toString()}.
 */
public sealed interface RegistryCredentials {

    /** The HTTP headers that carry the credentials. */
    Map<String, String> headers();

    /** Which setting the credentials came from, for messages (never the secret). */
    String describe();

    /** No authentication. */
    record None() implements RegistryCredentials {
        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public String describe() {
            return "no credentials";
        }
    }

    /**
     * RFC 7617 basic auth.
     *
     * @param userInfo {@code user:password}
     * @param source   where it came from (e.g. {@code basic.auth.user.info})
     */
    record Basic(String userInfo, String source) implements RegistryCredentials {
        public Basic {
            if (userInfo == null || userInfo.indexOf(':') < 1) {
                throw new IllegalArgumentException(source + " must be user:password");
            }
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String describe() {
            return "basic auth as '" + userInfo.substring(0, userInfo.indexOf(':')) + "' from " + source;
        }

        @Override
        public String toString() {
            return "Basic[" + describe() + "]";
        }
    }

    /**
     * RFC 6750 bearer token, with Confluent Cloud's optional logical cluster and identity pool headers.
     *
     * @param token          the token
     * @param logicalCluster {@code bearer.auth.logical.cluster} ({@code target-sr-cluster} header)
     * @param identityPoolId {@code bearer.auth.identity.pool.id} ({@code Confluent-Identity-Pool-Id} header)
     */
    record Bearer(String token, Optional<String> logicalCluster, Optional<String> identityPoolId) implements RegistryCredentials {
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("bearer.auth.token is required with bearer.auth.credentials.source=STATIC_TOKEN");
            }
        }

        @Override
        public Map<String, String> headers() {
            Map<String, String> h = new java.util.LinkedHashMap<>();
            h.put("Authorization", "Bearer " + token);
            logicalCluster.ifPresent(c -> h.put("target-sr-cluster", c));
            identityPoolId.ifPresent(p -> h.put("Confluent-Identity-Pool-Id", p));
            return Map.copyOf(h);
        }

        @Override
        public String describe() {
            return "bearer token from bearer.auth.token";
        }

        @Override
        public String toString() {
            return "Bearer[" + describe() + "]";
        }
    }
}
