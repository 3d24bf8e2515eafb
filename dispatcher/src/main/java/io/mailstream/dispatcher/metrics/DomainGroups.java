package io.mailstream.dispatcher.metrics;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns recipient domains into a bounded label: the first {@code limit} distinct domains seen keep
 * their name, every later one is {@value #OTHER}. Bulk mail is dominated by a few big providers,
 * which arrive first and stay named; a long tail of small domains would otherwise create one time
 * series each and overwhelm Prometheus. Thread-safe.
 */
public final class DomainGroups {
    public static final String OTHER = "other";
    public static final String NONE = "none";
    public static final int DEFAULT_LIMIT = 20;

    private final int limit;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    public DomainGroups(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("domain group limit must not be negative, was " + limit);
        }
        this.limit = limit;
    }

    /** The label for {@code domain}: itself (lower case) while fewer than the limit are named, else {@value #OTHER}. */
    public String of(String domain) {
        if (domain == null || domain.isBlank()) {
            return NONE;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (named.contains(d)) {
            return d;
        }
        synchronized (named) {
            if (named.contains(d)) {
                return d;
            }
            if (named.size() < limit) {
                named.add(d);
                return d;
            }
        }
        return OTHER;
    }

    /** The label for an address's domain (the part after the last '@'). */
    public String ofAddress(String address) {
        if (address == null) {
            return NONE;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? NONE : of(address.substring(at + 1));
    }

    /** How many distinct labels this can ever produce: the named domains, {@value #OTHER} and {@value #NONE}. */
    public int maxLabels() {
        return limit + 2;
    }
}
