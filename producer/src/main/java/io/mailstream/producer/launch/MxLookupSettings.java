package io.mailstream.producer.launch;

import java.time.Duration;
import java.util.Optional;

/**
 * MX lookups of the long tail at launch ({@code --mx-lookup}): each recipient domain outside the
 * provider table is looked up once, and routed to the provider whose MX hosts it uses (a Google
 * Workspace domain to {@code site:google}) or to the site of its own MX host.
 *
 * @param resolver the DNS resolver to ask ({@code host} or {@code host:port}); empty for the system's
 * @param timeout  the longest one domain may take (the resolver's time-out too); a domain whose answer
 *                 does not come by then is routed by itself
 */
public record MxLookupSettings(Optional<String> resolver, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public MxLookupSettings {
        if (resolver == null || timeout == null) {
            throw new IllegalArgumentException("resolver and timeout are required (Optional.empty() for the system resolver)");
        }
        if (resolver.isPresent() && resolver.get().isBlank()) {
            throw new IllegalArgumentException("--dns-resolver is empty; give host or host:port, or leave it out for the system resolver");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new IllegalArgumentException("--mx-lookup-timeout must be more than 0 and at most 30s, was " + timeout);
        }
    }

    /** The system's resolver, {@link #DEFAULT_TIMEOUT}. */
    public static MxLookupSettings defaults() {
        return new MxLookupSettings(Optional.empty(), DEFAULT_TIMEOUT);
    }
}
