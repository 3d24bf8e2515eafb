package io.mailstream.dispatcher.routing;

import io.mailstream.schemas.address.Domain;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers answers for as long as their TTL allows (RFC 1035 §3.2.1; negative answers per
 * RFC 2308 §5): a campaign to a million gmail.com recipients asks DNS once per TTL, not a million
 * times. Temporary failures are never cached, so the next message asks again. Time comes from the
 * injected {@link Clock}. Thread-safe.
 */
public final class CachingMxResolver implements MxResolver {
    /** Above this many entries, expired ones are swept on the next insert: a long campaign meets many domains. */
    static final int SWEEP_THRESHOLD = 50_000;

    private final MxResolver delegate;
    private final Clock clock;
    private final Map<Domain, Entry<MxResolution>> mx = new ConcurrentHashMap<>();
    private final Map<String, Entry<AddressResolution>> addresses = new ConcurrentHashMap<>();

    private record Entry<T>(T value, Instant expires) {
    }

    public CachingMxResolver(MxResolver delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    @Override
    public MxResolution resolveMx(Domain domain) {
        Instant now = clock.instant();
        Entry<MxResolution> cached = mx.get(domain);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        MxResolution fresh = delegate.resolveMx(domain);
        sweep(mx, now);
        ttl(fresh).ifPresentOrElse(t -> mx.put(domain, new Entry<>(fresh, now.plus(t))), () -> mx.remove(domain));
        return fresh;
    }

    @Override
    public AddressResolution resolveAddresses(String host) {
        Instant now = clock.instant();
        Entry<AddressResolution> cached = addresses.get(host);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        AddressResolution fresh = delegate.resolveAddresses(host);
        sweep(addresses, now);
        Optional<Duration> ttl = fresh instanceof AddressResolution.Addresses a ? Optional.of(a.ttl())
                : fresh instanceof AddressResolution.NoAddress n ? Optional.of(n.ttl()) : Optional.empty();
        ttl.filter(t -> !t.isZero()).ifPresentOrElse(t -> addresses.put(host, new Entry<>(fresh, now.plus(t))),
                () -> addresses.remove(host));
        return fresh;
    }

    private static <K, V> void sweep(Map<K, Entry<V>> cache, Instant now) {
        if (cache.size() > SWEEP_THRESHOLD) {
            cache.values().removeIf(e -> !now.isBefore(e.expires()));
        }
    }

    private static Optional<Duration> ttl(MxResolution r) {
        Optional<Duration> ttl;
        if (r instanceof MxResolution.Hosts h) {
            ttl = Optional.of(h.ttl());
        } else if (r instanceof MxResolution.NullMx n) {
            ttl = Optional.of(n.ttl());
        } else if (r instanceof MxResolution.NoSuchDomain n) {
            ttl = Optional.of(n.ttl());
        } else {
            ttl = Optional.empty();
        }
        return ttl.filter(t -> !t.isZero());
    }
}
