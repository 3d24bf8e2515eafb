package io.mailstream.bounces.api;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The optional shared secret of the API; compared in constant time. */
final class BearerToken {
    private final Optional<byte[]> expected;

    BearerToken(Optional<String> token) {
        this.expected = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.US_ASCII));
    }

    boolean allows(HttpExchange exchange) {
        if (expected.isEmpty()) {
            return true;
        }
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        return given != null && MessageDigest.isEqual(expected.get(), given.getBytes(StandardCharsets.US_ASCII));
    }
}
