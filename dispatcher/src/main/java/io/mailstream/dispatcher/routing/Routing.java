package io.mailstream.dispatcher.routing;

import java.util.List;
import java.util.Objects;

/** Where a recipient domain's mail should go, as a value the transport switches on. */
public sealed interface Routing {

    /** Try these in order; move on to the next when one cannot be reached (RFC 5321 §5.1). */
    record Destinations(List<Destination> destinations) implements Routing {
        public Destinations {
            if (destinations == null || destinations.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one destination");
            }
            destinations = List.copyOf(destinations);
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

    /** DNS could not answer now (SERVFAIL, timeout): defer. */
    record TryLater(String reason) implements Routing {
        public TryLater {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
