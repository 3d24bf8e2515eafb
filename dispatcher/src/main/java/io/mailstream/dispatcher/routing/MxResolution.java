package io.mailstream.dispatcher.routing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What DNS says about where a domain's mail goes, as a value: callers {@code switch} on it. Every
 * answer but {@link TemporaryFailure} carries the time it may be cached for (the record TTL, or the
 * negative-caching TTL of RFC 2308 §5 for NXDOMAIN).
 */
public sealed interface MxResolution {

    /**
     * Mail exchangers in the order to try them: ascending preference (RFC 5321 §5.1). {@code implicit}
     * is true when the domain has no MX records and its own address records stand in for one.
     */
    record Hosts(List<MxHost> hosts, boolean implicit, Duration ttl) implements MxResolution {
        public Hosts {
            if (hosts == null || hosts.isEmpty()) {
                throw new IllegalArgumentException("an MX answer needs at least one host");
            }
            hosts = hosts.stream().sorted(Comparator.comparingInt(MxHost::preference)).toList();
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** The domain publishes a null MX (RFC 7505 §3): it accepts no mail at all. A permanent failure. */
    record NullMx(Duration ttl) implements MxResolution {
        public NullMx {
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** NXDOMAIN, or neither MX nor address records (RFC 5321 §5.1): a permanent failure. */
    record NoSuchDomain(String reason, Duration ttl) implements MxResolution {
        public NoSuchDomain {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(ttl, "ttl");
        }
    }

    /** SERVFAIL, REFUSED or no answer in time: try again later; never cached. */
    record TemporaryFailure(String reason) implements MxResolution {
        public TemporaryFailure {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
