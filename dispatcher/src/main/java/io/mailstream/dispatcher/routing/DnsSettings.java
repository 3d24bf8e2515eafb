package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.InvalidConfigException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How MX routing talks to DNS.
 *
 * @param resolver        {@code dns.resolver}: {@code host:port} of the recursive resolver to ask; empty = the
 *                        system's first configured resolver (dnsjava's {@code ResolverConfig})
 * @param timeout         {@code dns.timeout}: how long one query may take before it counts as a temporary failure
 * @param negativeTtl     {@code dns.negative-ttl}: how long NXDOMAIN and empty answers are cached when the
 *                        answer carries no SOA to take the TTL from (RFC 2308 §5)
 * @param maxTtl          {@code dns.max-ttl}: upper bound on any cached answer, so a huge TTL cannot pin a stale route
 */
public record DnsSettings(Optional<InetSocketAddress> resolver, Duration timeout, Duration negativeTtl, Duration maxTtl) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);

    public DnsSettings {
        if (resolver == null) {
            throw new InvalidConfigException("dns.resolver", "must not be null (use Optional.empty() for the system resolver)");
        }
        requirePositive("dns.timeout", timeout);
        requirePositive("dns.negative-ttl", negativeTtl);
        requirePositive("dns.max-ttl", maxTtl);
    }

    public static DnsSettings defaults() {
        return new DnsSettings(Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_NEGATIVE_TTL, DEFAULT_MAX_TTL);
    }

    /** Uses the resolver at {@code host:port} (port 53 when absent) with default timeouts. */
    public static DnsSettings resolver(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new InvalidConfigException("dns.resolver", "must not be empty");
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort.strip() : hostPort.substring(0, colon).strip();
        int port;
        try {
            port = colon < 0 ? 53 : Integer.parseInt(hostPort.substring(colon + 1).strip());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("dns.resolver", "port is not a number in '" + hostPort + "'");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidConfigException("dns.resolver", "port must be in 1..65535, was " + port);
        }
        return new DnsSettings(Optional.of(new InetSocketAddress(host, port)), DEFAULT_TIMEOUT, DEFAULT_NEGATIVE_TTL,
                DEFAULT_MAX_TTL);
    }

    public DnsSettings withTimeout(Duration t) {
        return new DnsSettings(resolver, t, negativeTtl, maxTtl);
    }

    private static void requirePositive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidConfigException(key, "must be a positive duration, was " + d);
        }
    }
}
