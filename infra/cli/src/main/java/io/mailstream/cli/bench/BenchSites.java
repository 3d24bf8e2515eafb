package io.mailstream.cli.bench;

import io.mailstream.cli.demo.DomainMix;
import io.mailstream.schemas.sites.MxLookup;
import io.mailstream.schemas.sites.ProviderSites;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routing by site for {@code bench delivery --workload domains --site-cap …}: the mix's stand-in
 * providers ({@code gmail.test} for google, {@code outlook.test} and {@code hotmail.test} for microsoft …)
 * and its 992 long-tail domains, which stand for the customers of one hosting MX ({@value #TAIL}: an MX
 * rollup), are added to the provider table, so the launch writes site routing keys as it would for real
 * providers and their hosted domains. Their names are reserved (RFC 2606): no DNS is asked.
 */
final class BenchSites {
    /** The site the long tail's domains share. */
    static final String TAIL = "tail";

    private BenchSites() {
    }

    /** The routing site of one of the mix's domains: the provider it stands for, or {@value #TAIL}. */
    static String siteOf(DomainMix mix, String domain) {
        return domain.startsWith("tail-") ? TAIL : mix.siteOf(domain);
    }

    /** Every routing site of the mix with its domains. */
    static Map<String, List<String>> sites(DomainMix.Skewed mix) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String d : mix.domains()) {
            out.computeIfAbsent(siteOf(mix, d), s -> new ArrayList<>()).add(d);
        }
        return out;
    }

    /** A resolver routing the mix's domains to their sites (the caller closes it). */
    static SiteResolver resolver(DomainMix.Skewed mix) {
        return new SiteResolver(ProviderSites.builtIn().plus(sites(mix)), MxLookup.NONE, Duration.ofSeconds(1));
    }

    /** A traffic policy per capped site: its rate, and {@code connections} deliveries in flight. */
    static Map<String, String> policies(Map<String, Integer> caps, int connections) {
        Map<String, String> out = new TreeMap<>();
        caps.forEach((site, rate) -> {
            out.put("policy." + site + ".sites", site);
            out.put("policy." + site + ".max-per-second", String.valueOf(rate));
            out.put("policy." + site + ".max-connections", String.valueOf(connections));
        });
        return out;
    }
}
