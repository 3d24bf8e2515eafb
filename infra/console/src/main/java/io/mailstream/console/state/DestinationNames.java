package io.mailstream.console.state;

import io.mailstream.schemas.address.Site;
import io.mailstream.schemas.sites.ProviderSites;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names under which the dispatchers may know where a recipient domain's mail goes, most specific first.
 * The console resolves no MX records; it knows a domain's MX hosts from the {@code remoteHost} of its delivery
 * events, which is enough to find the names the dispatcher gives them:
 * <ul>
 * <li>{@link #targets()}: routing targets, the keys of {@code mail.throttle-state} and of the rate series: the domain
 * (routed by itself), its provider's site from the provider table ({@code site:google}), the provider site of its MX
 * hosts (a Google Workspace or Microsoft 365 customer's domain, routed to {@code site:google} by a launch with
 * {@code --mx-lookup}), and {@code site:<mx host>} for each of them (a long-tail domain rolled up with the others of its
 * hosting MX, which the launch names by its most preferred MX host: schemas README, "Routing by destination site");</li>
 * <li>{@link #hosts()}: hosts the SMTP pools connect to, whose connections and breakers the dispatcher publishes by
 * server name: its MX hosts, then a relay named like the domain and a smart host named like the provider.</li>
 * </ul>
 */
public record DestinationNames(List<String> targets, List<String> hosts) {
    private static final ProviderSites PROVIDERS = ProviderSites.builtIn();

    public DestinationNames {
        targets = List.copyOf(targets);
        hosts = List.copyOf(hosts);
    }

    /**
     * @param provider    the routing target the console gave the domain ({@code site:google}, else the domain)
     * @param remoteHosts the hosts its delivery events name, latest first
     */
    public static DestinationNames of(String domain, String provider, List<String> remoteHosts) {
        Set<String> targets = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        String providerName = provider.startsWith(Site.KEY_PREFIX) ? provider.substring(Site.KEY_PREFIX.length()) : provider;
        targets.add(lower(domain));
        targets.add(lower(Site.KEY_PREFIX + providerName));
        List<String> mxHosts = remoteHosts.stream().map(DestinationNames::host).filter(h -> !h.isEmpty()).toList();
        PROVIDERS.siteOfMx(mxHosts).ifPresent(site -> targets.add(site.asKey()));
        for (String mx : mxHosts) {
            targets.add(Site.KEY_PREFIX + mx);
        }
        hosts.addAll(mxHosts);
        hosts.add(lower(domain));
        hosts.add(lower(providerName));
        return new DestinationNames(new ArrayList<>(targets), new ArrayList<>(hosts));
    }

    /** A host as the dispatcher's pool names it: lower case, without the root's trailing dot. */
    static String host(String name) {
        String h = name.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
