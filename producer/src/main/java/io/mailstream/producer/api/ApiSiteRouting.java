package io.mailstream.producer.api;

import io.mailstream.producer.launch.DnsMxLookup;
import io.mailstream.producer.launch.MxLookupSettings;
import io.mailstream.schemas.sites.ProviderSites;
import io.mailstream.schemas.sites.SiteResolver;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The site resolver of an API process ({@code mxLookup}): the provider table alone, or, as
 * {@code campaign launch --mx-lookup}, each recipient domain outside it looked up once and routed to
 * the provider whose MX hosts it uses or to its MX host's site, with the same fallback (the domain
 * itself when DNS fails or is slower than the timeout). An API process lives for weeks where a launch
 * lasts minutes, so a domain that fell back is looked up again after {@link #RETRY_FALLBACKS_AFTER}.
 */
public final class ApiSiteRouting {
    /** How long a domain routed by itself because DNS failed keeps that route before it is looked up again. */
    public static final Duration RETRY_FALLBACKS_AFTER = Duration.ofMinutes(1);

    private ApiSiteRouting() {
    }

    /** The shared providers-only resolver without {@code mxLookup}; else a resolver of its own, which the caller closes. */
    public static SiteResolver of(Optional<MxLookupSettings> mxLookup, Clock clock) {
        return mxLookup.map(m -> new SiteResolver(ProviderSites.builtIn(), new DnsMxLookup(m), m.timeout(), RETRY_FALLBACKS_AFTER,
                clock)).orElseGet(SiteResolver::providersOnly);
    }

    /** Closes what {@link #of} made, never the shared providers-only resolver. */
    public static void close(SiteResolver sites) {
        if (sites != SiteResolver.providersOnly()) {
            sites.close();
        }
    }
}
