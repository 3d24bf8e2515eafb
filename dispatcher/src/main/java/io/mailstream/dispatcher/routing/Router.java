package io.mailstream.dispatcher.routing;

import io.mailstream.schemas.address.Domain;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a recipient domain to the ordered destinations to try: the relay in SMART_HOST mode; in
 * DIRECT_MX mode a configured override, else the domain's MX hosts by preference (RFC 5321 §5.1),
 * each expanded to its addresses. Permanent DNS answers (NXDOMAIN, RFC 7505 null MX) become
 * {@link Routing.Unroutable}, transient ones {@link Routing.TryLater}. Thread-safe if the resolver is.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouteConfig config;
    private final MxResolver resolver;

    public Router(RouteConfig config, MxResolver resolver) {
        this.config = config;
        this.resolver = resolver;
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

    private Routing destinations(Domain domain, MxResolution.Hosts mx) {
        List<Destination> out = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        for (MxHost host : mx.hosts()) {
            AddressResolution addresses = resolver.resolveAddresses(host.host());
            if (addresses instanceof AddressResolution.Addresses a) {
                for (InetAddress address : a.addresses()) {
                    out.add(new Destination(host.host(), Optional.of(address), config.directPort(), config.directTls(),
                            Optional.empty()));
                }
            } else if (addresses instanceof AddressResolution.TemporaryFailure t) {
                temporary.add(t.reason());
            } else {
                log.debug("MX host {} of {} has no address; skipping it", host.host(), domain);
            }
        }
        if (!out.isEmpty()) {
            return new Routing.Destinations(out);
        }
        if (!temporary.isEmpty()) {
            return new Routing.TryLater("no MX host of " + domain + " could be resolved now: " + String.join("; ", temporary));
        }
        return new Routing.Unroutable("5.1.2", "no MX host of " + domain + " has an address");
    }
}
