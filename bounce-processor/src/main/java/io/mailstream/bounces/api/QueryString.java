package io.mailstream.bounces.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded parameters of a request URI's query ({@code application/x-www-form-urlencoded}). */
final class QueryString {
    private final Map<String, String> params;

    private QueryString(Map<String, String> params) {
        this.params = params;
    }

    /** A query that is not valid {@code application/x-www-form-urlencoded} (a bad %-escape). */
    static final class MalformedQueryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedQueryException(String message) {
            super(message);
        }
    }

    static QueryString parse(String rawQuery) {
        Map<String, String> m = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new MalformedQueryException("malformed query string near '" + SuppressionsHandler.printable(pair)
                            + "': " + e.getMessage() + "; percent-encode special characters (@ as %40)");
                }
            }
        }
        return new QueryString(m);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(params.get(name));
    }

    java.util.Set<String> names() {
        return params.keySet();
    }
}
