package io.mailstream.dispatcher.routing;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The IPv4 and IPv6 addresses (A and AAAA records) of one host name, as a value. */
public sealed interface AddressResolution {

    record Addresses(List<InetAddress> addresses, Duration ttl) implements AddressResolution {
        public Addresses {
            if (addresses == null || addresses.isEmpty()) {
                throw new IllegalArgumentException("an address answer needs at least one address");
            }
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** NXDOMAIN or no A/AAAA records: the host has no address. */
    record NoAddress(String reason, Duration ttl) implements AddressResolution {
        public NoAddress {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** SERVFAIL or timeout; never cached. */
    record TemporaryFailure(String reason) implements AddressResolution {
        public TemporaryFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
