package io.mailstream.schemas.address;

import java.util.Locale;

/**
 * A destination site: where a recipient's mail really goes, so that the thousands of domains hosted
 * by one mailbox provider share that provider's budget (KumoMTA's and PowerMTA's "MX rollup").
 * A provider site has a short name ({@code google}, {@code microsoft}); a long-tail site is named
 * by its most preferred MX host ({@code mx1.hosting.example}). In a routing key a site is written
 * {@code site:<name>}, which no domain can be mistaken for (':' is not a host-name character).
 */
public record Site(String name) implements RouteTarget {
    public static final String KEY_PREFIX = "site:";

    public Site {
        if (name == null || name.isBlank()) {
            throw new InvalidAddressException(name, "site name is empty");
        }
        name = name.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > 253 || !name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new InvalidAddressException(name,
                    "site name must be lower-case letters, digits, '.' or '-' (at most 253), e.g. google or mx1.hosting.example");
        }
    }

    public static Site of(String name) {
        return new Site(name);
    }

    /** Whether {@code key} (without shard suffix) names a site rather than a domain. */
    public static boolean isSiteKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    @Override
    public String asKey() {
        return KEY_PREFIX + name;
    }

    @Override
    public String toString() {
        return asKey();
    }
}
