package io.mailstream.dispatcher.policy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.address.Site;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured policies and the default: a domain listed by a policy gets it; otherwise, for mail
 * routed to a destination site, a policy listing that site; otherwise the first
 * policy (in configuration order) whose MX suffix matches one of the domain's MX hosts; otherwise
 * the default. MX-based answers are remembered for {@link #MX_MEMORY}, so DNS is asked at most that
 * often per domain (an unresolvable domain gets the default until then).
 */
public final class TrafficPolicies implements PolicyLookup {
    static final Duration MX_MEMORY = Duration.ofMinutes(10);

    private final List<TrafficPolicy> policies;
    private final TrafficPolicy fallback;
    private final MxHostNames mxHosts;
    private final Clock clock;
    private final Map<Domain, TrafficPolicy> byDomain = new ConcurrentHashMap<>();
    private final Map<Site, TrafficPolicy> bySite = new ConcurrentHashMap<>();
    private final Map<Domain, Remembered> byMx = new ConcurrentHashMap<>();
    private final boolean anyMxSuffix;

    private record Remembered(TrafficPolicy policy, Instant until) {
    }

    public TrafficPolicies(List<TrafficPolicy> policies, TrafficPolicy fallback, MxHostNames mxHosts, Clock clock) {
        this.policies = List.copyOf(policies);
        this.fallback = fallback;
        this.mxHosts = mxHosts;
        this.clock = clock;
        Set<String> names = new HashSet<>();
        for (TrafficPolicy p : this.policies) {
            if (!names.add(p.name()) || p.name().equals(fallback.name())) {
                throw new IllegalArgumentException("policy " + p.name() + " is defined twice");
            }
            if (p.matcher() instanceof PolicyMatcher.Domains d) {
                for (Domain domain : d.domains()) {
                    TrafficPolicy before = byDomain.put(domain, p);
                    if (before != null) {
                        throw new IllegalArgumentException("domain " + domain + " is in policies " + before.name() + " and " + p.name());
                    }
                }
            }
            if (p.matcher() instanceof PolicyMatcher.Sites sites) {
                for (Site site : sites.sites()) {
                    TrafficPolicy before = bySite.put(site, p);
                    if (before != null) {
                        throw new IllegalArgumentException("site " + site.name() + " is in policies " + before.name() + " and " + p.name());
                    }
                }
            }
        }
        this.anyMxSuffix = this.policies.stream().anyMatch(p -> p.matcher() instanceof PolicyMatcher.MxSuffix);
    }

    /** Only the default policy, for dispatchers configured without policies. */
    public static TrafficPolicies defaultsOnly() {
        return new TrafficPolicies(List.of(), TrafficPolicy.defaults(), d -> List.of(), Clock.systemUTC());
    }

    @Override
    public TrafficPolicy policyFor(Domain domain) {
        TrafficPolicy listed = byDomain.get(domain);
        if (listed != null) {
            return listed;
        }
        if (!anyMxSuffix) {
            return fallback;
        }
        Instant now = clock.instant();
        Remembered r = byMx.get(domain);
        if (r != null && now.isBefore(r.until())) {
            return r.policy();
        }
        TrafficPolicy found = matchMx(mxHosts.of(domain));
        if (byMx.size() > 100_000) {
            byMx.clear(); // bounded memory; entries are cheap to rebuild from the resolver's cache
        }
        byMx.put(domain, new Remembered(found, now.plus(MX_MEMORY)));
        return found;
    }

    @Override
    public TrafficPolicy policyFor(Domain domain, RouteTarget target) {
        if (target instanceof Site site && !byDomain.containsKey(domain)) {
            TrafficPolicy p = bySite.get(site);
            if (p != null) {
                return p;
            }
        }
        return policyFor(domain);
    }

    @Override
    public TrafficPolicy policyForSite(Site site) {
        return bySite.getOrDefault(site, fallback);
    }

    private TrafficPolicy matchMx(List<String> hosts) {
        for (TrafficPolicy p : policies) {
            if (p.matcher() instanceof PolicyMatcher.MxSuffix s && s.matchesAny(hosts)) {
                return p;
            }
        }
        return fallback;
    }

    public List<TrafficPolicy> policies() {
        return policies;
    }

    public TrafficPolicy fallback() {
        return fallback;
    }
}
