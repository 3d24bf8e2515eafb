package io.mailstream.dispatcher.routing;

import io.mailstream.schemas.address.Domain;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a recipient domain to the ordered destinations to try: the relay in SMART_HOST mode; in
 * DIRECT_MX mode a configured override, else the domain's MX hosts by preference (RFC 5321 §5.1,
 * equal preferences in random order), each expanded to its addresses. Permanent DNS answers (NXDOMAIN, RFC 7505 null MX) become
 * {@link Routing.Unroutable}, transient ones {@link Routing.TryLater}. MX addresses that are not public
 * ({@link AddressScope}) are skipped unless {@link RouteConfig#allowPrivateAddresses()}; a domain with no other
 * address is deferred with the reason. Thread-safe if the resolver is.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouteConfig config;
    private final MxResolver resolver;
    private final Random random;

    public Router(RouteConfig config, MxResolver resolver) {
        this(config, resolver, new Random());
    }

    /** @param random shuffles MX hosts of equal preference; tests pass a seeded one */
    public Router(RouteConfig config, MxResolver resolver, Random random) {
        this.config = config;
        this.resolver = resolver;
        this.random = random;
    }

    public Routing route(Domain domain) {
        if (config.mode() == DeliveryMode.SMART_HOST) {
            return new Routing.Destinations(List.of(config.smartHost().orElseThrow()));
        }
        Destination override = config.overrides().get(domain);
        if (override != null) {
            return new Routing.Destinations(List.of(override));
        }
        MxResolution mx = resolver.resolveMx(domain);
        if (mx instanceof MxResolution.NullMx) {
            return new Routing.Unroutable("5.1.10", "domain " + domain + " accepts no mail (null MX, RFC 7505)");
        }
        if (mx instanceof MxResolution.NoSuchDomain n) {
            return new Routing.Unroutable("5.1.2", n.reason());
        }
        if (mx instanceof MxResolution.TemporaryFailure t) {
            return new Routing.TryLater(t.reason());
        }
        return destinations(domain, (MxResolution.Hosts) mx);
    }

    // RFC 5321 §5.1: hosts of equal preference should be tried in random order, to spread the load.
    private List<MxHost> shuffledWithinPreference(List<MxHost> sorted) {
        List<MxHost> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).preference() == sorted.get(i).preference()) {
                j++;
            }
            List<MxHost> group = new ArrayList<>(sorted.subList(i, j));
            Collections.shuffle(group, random);
            out.addAll(group);
            i = j;
        }
        return out;
    }

    private Routing destinations(Domain domain, MxResolution.Hosts mx) {
        List<Destination> out = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (MxHost host : shuffledWithinPreference(mx.hosts())) {
            AddressResolution addresses = resolver.resolveAddresses(host.host());
            if (addresses instanceof AddressResolution.Addresses a) {
                for (InetAddress address : a.addresses()) {
                    Optional<String> nonPublic = config.allowPrivateAddresses() ? Optional.empty() : AddressScope.nonPublic(address);
                    if (nonPublic.isPresent()) {
                        refused.add(host.host() + " [" + address.getHostAddress() + "] is " + nonPublic.get());
                        continue;
                    }
                    out.add(new Destination(host.host(), Optional.of(address), config.directPort(), config.directTls(),
                            Optional.empty()));
                }
            } else if (addresses instanceof AddressResolution.TemporaryFailure t) {
                temporary.add(t.reason());
            } else {
                log.debug("MX host {} of {} has no address; skipping it", host.host(), domain);
            }
        }
        if (!refused.isEmpty()) {
            // Once per lookup, and lookups are cached: not once per message.
            log.warn("refusing MX addresses of {} that are not public: {} (set direct.allow-private-addresses=true only"
                    + " where receivers really live on such addresses, e.g. in tests)", domain, String.join("; ", refused));
        }
        if (!out.isEmpty()) {
            return new Routing.Destinations(out);
        }
        if (!refused.isEmpty()) {
            // Deferred, not bounced: a DNS mistake the domain may fix; the mail expires if it never does.
            return new Routing.TryLater("refused to deliver to a non-public address: " + String.join("; ", refused)
                    + " (direct.allow-private-addresses=false)");
        }
        if (!temporary.isEmpty()) {
            return new Routing.TryLater("no MX host of " + domain + " could be resolved now: " + String.join("; ", temporary));
        }
        return new Routing.Unroutable("5.1.2", "no MX host of " + domain + " has an address");
    }
}
