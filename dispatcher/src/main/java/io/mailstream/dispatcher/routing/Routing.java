package io.mailstream.dispatcher.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where a recipient domain's mail should go, as a value the transport switches on. */
public sealed interface Routing {

    /**
     * Which TLS policy governs delivery to a domain, for delivery events and deferral reasons.
     *
     * @param description    e.g. {@code MTA-STS enforce (id 2026)}, {@code route override tls=REQUIRED}, {@code direct.tls=OPPORTUNISTIC}
     * @param mtaStsEnforced an enforced MTA-STS policy (RFC 8461 §5) required TLS and a valid certificate
     */
    record TlsPolicyInForce(String description, boolean mtaStsEnforced) {
        public TlsPolicyInForce {
            Objects.requireNonNull(description, "description");
        }

        public static TlsPolicyInForce configured(String description) {
            return new TlsPolicyInForce(description, false);
        }
    }

    /** Try these in order; move on to the next when one cannot be reached (RFC 5321 §5.1). */
    record Destinations(List<Destination> destinations, Optional<TlsPolicyInForce> tlsPolicy) implements Routing {
        public Destinations {
            if (destinations == null || destinations.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one destination");
            }
            destinations = List.copyOf(destinations);
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        }

        public Destinations(List<Destination> destinations) {
            this(destinations, Optional.empty());
        }
    }

    /**
     * The domain cannot receive mail: it does not exist, has a null MX (RFC 7505) or no host with an
     * address. {@code enhancedStatus} is the RFC 3463 code to report (5.1.2 or 5.1.10).
     */
    record Unroutable(String enhancedStatus, String reason) implements Routing {
        public Unroutable {
            Objects.requireNonNull(enhancedStatus, "enhancedStatus");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** DNS could not answer now (SERVFAIL, timeout), or no MX host may be used now: defer. */
    record TryLater(String reason, Optional<TlsPolicyInForce> tlsPolicy) implements Routing {
        public TryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(tlsPolicy, "tlsPolicy");
        }

        public TryLater(String reason) {
            this(reason, Optional.empty());
        }
    }
}
