package io.mailstream.dispatcher.routing;

import io.mailstream.dispatcher.mtasts.MtaStsMode;
import io.mailstream.dispatcher.mtasts.MtaStsPolicy;
import io.mailstream.dispatcher.mtasts.StsPolicyLookup;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.dispatcher.tls.report.CertificateReporting;
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
 * address is deferred with the reason. A domain's MTA-STS policy (RFC 8461) in {@code enforce} mode
 * limits the MX hosts to those it names and requires TLS with a certificate valid for the MX name;
 * in {@code testing} mode it only adds what it would have refused to the reported policy. A
 * configured route override is not subject to MTA-STS. Thread-safe if the resolver and the policy lookup are.
 */
public final class Router {
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouteConfig config;
    private final MxResolver resolver;
    private final Random random;
    private final StsPolicyLookup stsPolicies;
    // Built once: TlsSettings checks its CA file when constructed.
    private final TlsSettings stsTls;
    private final Optional<CertificateReporting> tlsReports;

    public Router(RouteConfig config, MxResolver resolver) {
        this(config, resolver, new Random());
    }

    /** @param random shuffles MX hosts of equal preference; tests pass a seeded one */
    public Router(RouteConfig config, MxResolver resolver, Random random) {
        this(config, resolver, random, StsPolicyLookup.NONE);
    }

    /** @param stsPolicies recipient domains' MTA-STS policies (RFC 8461), applied to MX routing only */
    public Router(RouteConfig config, MxResolver resolver, Random random, StsPolicyLookup stsPolicies) {
        this(config, resolver, random, stsPolicies, Optional.empty());
    }

    /**
     * @param tlsReports reports each session's MX certificate verdict for domains with an MTA-STS policy (RFC 8460):
     *                   judged but not enforced in testing mode (RFC 8461 §5), enforced as before in enforce mode;
     *                   empty to report nothing
     */
    public Router(RouteConfig config, MxResolver resolver, Random random, StsPolicyLookup stsPolicies,
                  Optional<CertificateReporting> tlsReports) {
        this.tlsReports = tlsReports;
        this.config = config;
        this.resolver = resolver;
        this.random = random;
        this.stsPolicies = stsPolicies;
        this.stsTls = config.stsTls();
    }

    public Routing route(Domain domain) {
        if (config.mode() == DeliveryMode.SMART_HOST) {
            Destination relay = config.smartHost().orElseThrow();
            return new Routing.Destinations(List.of(relay),
                    Optional.of(Routing.TlsPolicyInForce.configured("smtp.tls=" + relay.tls().policy())));
        }
        Destination override = config.overrides().get(domain);
        if (override != null) {
            // A route the operator configured wins over the domain's MTA-STS policy, as its TLS setting says.
            return new Routing.Destinations(List.of(override),
                    Optional.of(Routing.TlsPolicyInForce.configured("route override tls=" + override.tls().policy())));
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
        return withStsPolicy(domain, (MxResolution.Hosts) mx);
    }

    // RFC 8461 §5: enforce delivers only to MX hosts the policy names, over TLS valid for the MX name; testing
    // delivers as usual and says what enforcing would have refused.
    private Routing withStsPolicy(Domain domain, MxResolution.Hosts mx) {
        Optional<MtaStsPolicy> policy = stsPolicies.policyFor(domain);
        if (policy.isEmpty()) {
            return destinations(domain, mx.hosts(), config.directTls(),
                    Routing.TlsPolicyInForce.configured("direct.tls=" + config.directTls().policy()));
        }
        MtaStsPolicy p = policy.get();
        List<MxHost> named = mx.hosts().stream().filter(h -> p.matches(h.host())).toList();
        List<String> unnamed = mx.hosts().stream().map(MxHost::host).filter(h -> !p.matches(h)).toList();
        if (p.mode() == MtaStsMode.TESTING) {
            String description = p.describe() + (unnamed.isEmpty() ? ""
                    : ": enforcing would refuse MX " + String.join(", ", unnamed) + " (not in the policy's mx)");
            TlsSettings tls = config.directTls();
            if (tlsReports.isPresent() && tls.policy() != TlsPolicy.NONE) {
                // deliver as usual (opportunistic TLS accepts any certificate), but judge each as enforce would, and report it
                tls = tls.reportingTo(tlsReports.get().forPolicy(domain, p));
            }
            return destinations(domain, mx.hosts(), tls, Routing.TlsPolicyInForce.configured(description));
        }
        Routing.TlsPolicyInForce enforced = new Routing.TlsPolicyInForce(p.describe(), true);
        if (named.isEmpty()) {
            return new Routing.TryLater(p.describe() + " of " + domain + " names none of its MX hosts "
                    + String.join(", ", unnamed) + " (policy mx: " + String.join(", ", p.mx()) + ")", Optional.of(enforced));
        }
        if (!unnamed.isEmpty()) {
            log.debug("{}: skipping MX hosts {} of {}, not in the policy", p.describe(), unnamed, domain);
        }
        TlsSettings tls = tlsReports.map(r -> stsTls.reportingTo(r.forPolicy(domain, p))).orElse(stsTls);
        return destinations(domain, named, tls, enforced);
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

    private Routing destinations(Domain domain, List<MxHost> hosts, TlsSettings tls, Routing.TlsPolicyInForce policy) {
        List<Destination> out = new ArrayList<>();
        List<String> temporary = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (MxHost host : shuffledWithinPreference(hosts)) {
            AddressResolution addresses = resolver.resolveAddresses(host.host());
            if (addresses instanceof AddressResolution.Addresses a) {
                for (InetAddress address : a.addresses()) {
                    Optional<String> nonPublic = config.allowPrivateAddresses() ? Optional.empty() : AddressScope.nonPublic(address);
                    if (nonPublic.isPresent()) {
                        refused.add(host.host() + " [" + address.getHostAddress() + "] is " + nonPublic.get());
                        continue;
                    }
                    out.add(new Destination(host.host(), Optional.of(address), config.directPort(), tls, Optional.empty()));
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
            return new Routing.Destinations(out, Optional.of(policy));
        }
        if (!refused.isEmpty()) {
            // Deferred, not bounced: a DNS mistake the domain may fix; the mail expires if it never does.
            return new Routing.TryLater("refused to deliver to a non-public address: " + String.join("; ", refused)
                    + " (direct.allow-private-addresses=false)", Optional.of(policy));
        }
        if (!temporary.isEmpty()) {
            return new Routing.TryLater("no MX host of " + domain + " could be resolved now: " + String.join("; ", temporary));
        }
        return new Routing.Unroutable("5.1.2", "no MX host of " + domain + " has an address");
    }
}
