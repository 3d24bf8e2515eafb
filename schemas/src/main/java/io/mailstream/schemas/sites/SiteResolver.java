package io.mailstream.schemas.sites;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.address.Site;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a recipient domain to the site its mail goes to, once per domain (cached for the life of the
 * resolver, i.e. one launch or one API process; a long-lived one retries fallbacks after a while): a provider's own domain to its site; else the
 * domain's MX set, looked up once, to a provider site when an MX host has a known suffix, or to the
 * site of its most preferred MX host (domains sharing a hosting MX share its budget); and the
 * domain itself when it has no MX, when DNS fails or is slower than the timeout, and for the names
 * reserved for tests and documentation (RFC 2606, RFC 6761), which are never looked up. After
 * {@value #STOP_AFTER_FAILURES_IN_A_ROW} failed lookups in a row (DNS down) it stops asking, so a
 * launch's time stays bounded; every fallback's reason is logged (the first, then every 1000th).
 * Thread-safe; closing it stops its lookup threads.
 */
public final class SiteResolver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SiteResolver.class);
    private static final Set<String> RESERVED_TLDS = Set.of("test", "example", "invalid", "localhost", "local");
    private static final Set<String> RESERVED_DOMAINS = Set.of("example.com", "example.net", "example.org");
    private static final int MAX_CACHED = 1_000_000;

    private final ProviderSites providers;
    private final MxLookup lookup;
    private final Duration timeout;
    private final ExecutorService lookups;
    private final Map<Domain, RouteTarget> cache = new ConcurrentHashMap<>();
    private final AtomicLong fallbacks = new AtomicLong();
    private volatile String firstFallback;
    // DNS that is down must not cost every domain of a launch its whole timeout: after this many failures in a row, stop asking
    static final int STOP_AFTER_FAILURES_IN_A_ROW = 20;
    private final AtomicLong failuresInARow = new AtomicLong();
    // a long-lived resolver (the API) asks again about fallbacks, and after a stop, once this has passed; null: never (a launch)
    private final Duration retryFallbacksAfter;
    private final Clock clock;
    private final Map<Domain, Instant> fallbackUntil = new ConcurrentHashMap<>();
    private volatile Instant stoppedUntil = Instant.MAX;

    /**
     * @param lookup  the MX lookup; {@link MxLookup#NONE} routes every domain outside the provider table as itself
     * @param timeout the longest one domain's lookup may take before it is routed as itself
     */
    public SiteResolver(ProviderSites providers, MxLookup lookup, Duration timeout) {
        this(providers, lookup, timeout, null, Clock.systemUTC());
    }

    /**
     * For a long-lived process (the transactional API): a domain routed by itself because its lookup
     * failed is looked up again after {@code retryFallbacksAfter}, and lookups stopped after
     * {@value #STOP_AFTER_FAILURES_IN_A_ROW} failures in a row start again then, so that DNS that was
     * down for a minute does not route the long tail by domain for the life of the process. Answers
     * that came from DNS stay cached.
     */
    public SiteResolver(ProviderSites providers, MxLookup lookup, Duration timeout, Duration retryFallbacksAfter, Clock clock) {
        if (retryFallbacksAfter != null && (retryFallbacksAfter.isNegative() || retryFallbacksAfter.isZero())) {
            throw new IllegalArgumentException("the time before failed MX lookups are retried must be positive, was "
                    + retryFallbacksAfter);
        }
        this.retryFallbacksAfter = retryFallbacksAfter;
        this.clock = clock;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("MX lookup timeout must be positive, was " + timeout);
        }
        this.providers = providers;
        this.lookup = lookup;
        this.timeout = timeout;
        this.lookups = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("site-mx-lookup-", 1).factory());
    }

    private static final SiteResolver PROVIDERS_ONLY = new SiteResolver(ProviderSites.builtIn(), MxLookup.NONE, Duration.ofSeconds(1));

    /**
     * The built-in provider table, no DNS (shared; it starts no thread): provider domains go to their
     * site, every other domain is routed as itself. What launch and the API use unless MX lookups are on.
     */
    public static SiteResolver providersOnly() {
        return PROVIDERS_ONLY;
    }

    /**
     * The routing key of {@code recipient}: a domain the shard map names explicitly keeps its own
     * (domain) key, so existing per-domain shard maps and policies keep working; every other domain
     * goes to its site's key.
     */
    public RoutingKey routingKey(EmailAddress recipient, DomainShards shards) {
        Domain domain = recipient.domain();
        RouteTarget target = shards.names(domain) ? domain : targetOf(domain);
        return RoutingKey.of(recipient, target, shards);
    }

    /** The site (or, as a fallback, the domain itself) that {@code domain}'s mail goes to. */
    public RouteTarget targetOf(Domain domain) {
        RouteTarget known = cache.get(domain);
        if (known != null && !fallbackOver(domain)) {
            return known;
        }
        RouteTarget resolved = resolve(domain);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
            fallbackUntil.clear();
        }
        RouteTarget raced = cache.putIfAbsent(domain, resolved);
        return raced == null ? resolved : raced;
    }

    /** Whether {@code domain} fell back and may be looked up again now (a long-lived resolver only). */
    private boolean fallbackOver(Domain domain) {
        Instant until = fallbackUntil.get(domain);
        if (until == null || clock.instant().isBefore(until)) {
            return false;
        }
        fallbackUntil.remove(domain);
        cache.remove(domain);
        return true;
    }

    /** Whether lookups are stopped after too many failures in a row; a long-lived resolver starts again after a while. */
    private boolean stopped() {
        if (failuresInARow.get() < STOP_AFTER_FAILURES_IN_A_ROW) {
            return false;
        }
        if (retryFallbacksAfter == null) {
            return true;
        }
        Instant now = clock.instant();
        if (stoppedUntil == Instant.MAX) {
            stoppedUntil = now.plus(retryFallbacksAfter);
        }
        if (now.isBefore(stoppedUntil)) {
            return true;
        }
        // one more failure stops it again for a while; a success resets the count
        stoppedUntil = Instant.MAX;
        failuresInARow.set(STOP_AFTER_FAILURES_IN_A_ROW - 1);
        return false;
    }

    /** How many domains were routed as themselves because their lookup failed or timed out. */
    public long fallbacks() {
        return fallbacks.get();
    }

    private RouteTarget resolve(Domain domain) {
        var provider = providers.siteOfDomain(domain);
        if (provider.isPresent()) {
            return provider.get();
        }
        if (lookup == MxLookup.NONE || isReserved(domain)) {
            return domain;
        }
        if (stopped()) {
            return fallback(domain, "MX lookups stopped after " + STOP_AFTER_FAILURES_IN_A_ROW + " failures in a row (first: "
                    + firstFallback + ")");
        }
        List<String> hosts;
        Future<List<String>> f = lookups.submit(() -> lookup.mxHosts(domain));
        try {
            hosts = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            failuresInARow.incrementAndGet();
            return fallback(domain, "no MX answer within " + timeout);
        } catch (ExecutionException e) {
            failuresInARow.incrementAndGet();
            Throwable cause = e.getCause();
            return fallback(domain, cause.getMessage() != null ? cause.getMessage() : cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback(domain, "interrupted");
        }
        failuresInARow.set(0);
        if (hosts.isEmpty()) {
            return domain; // no MX: mail goes to the domain's own address (RFC 5321 §5.1)
        }
        return providers.siteOfMx(hosts).orElseGet(() -> Site.of(ProviderSites.normalizeHost(hosts.getFirst())));
    }

    /** Why the first domain that fell back was routed by itself (domain and reason), if any did. */
    public java.util.Optional<String> firstFallback() {
        return java.util.Optional.ofNullable(firstFallback);
    }

    private RouteTarget fallback(Domain domain, String why) {
        if (retryFallbacksAfter != null) {
            fallbackUntil.put(domain, clock.instant().plus(retryFallbacksAfter));
        }
        if (firstFallback == null) {
            firstFallback = domain.asString() + ": " + why;
        }
        // One line per domain would flood a launch when DNS is down: the first and then every 1000th.
        long n = fallbacks.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            log.warn("MX lookup of {} failed ({}); routing it by its domain ({} domains so far)", domain, why, n);
        }
        return domain;
    }

    static boolean isReserved(Domain domain) {
        String d = domain.asString();
        String tld = d.substring(d.lastIndexOf('.') + 1);
        if (RESERVED_TLDS.contains(tld)) {
            return true;
        }
        for (String r : RESERVED_DOMAINS) {
            if (d.equals(r) || d.endsWith("." + r)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
