package io.mailstream.dispatcher.routing;

import java.util.Locale;

/**
 * One mail exchanger of a domain (RFC 5321 §5.1): a host name and its preference, lower first.
 * The name is kept as DNS gave it, lower case and without the trailing dot.
 */
public record MxHost(String host, int preference) {
    public MxHost {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("MX host must not be empty");
        }
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference must be in 0..65535, was " + preference);
        }
        host = stripDot(host.strip()).toLowerCase(Locale.ROOT);
    }

    static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
