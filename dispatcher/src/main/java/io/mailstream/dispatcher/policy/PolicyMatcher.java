package io.mailstream.dispatcher.policy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.Site;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which destinations a {@link TrafficPolicy} covers: listed domains, listed destination sites (every
 * domain routed to the site), or every domain whose MX host ends in a suffix.
 */
public sealed interface PolicyMatcher {

    /** One or more destination sites ({@code google}, {@code mx1.hoster.example}): mail whose routing key names the site. */
    record Sites(Set<Site> sites) implements PolicyMatcher {
        public Sites {
            if (sites == null || sites.isEmpty()) {
                throw new IllegalArgumentException("a site matcher needs at least one site");
            }
            sites = Set.copyOf(sites);
        }
    }

    /** One or more recipient domains, compared as normalised {@link Domain}s. */
    record Domains(Set<Domain> domains) implements PolicyMatcher {
        public Domains {
            if (domains == null || domains.isEmpty()) {
                throw new IllegalArgumentException("a domain matcher needs at least one domain");
            }
            domains = Set.copyOf(domains);
        }
    }

    /**
     * Domains whose MX hosts end in {@code suffix} (e.g. {@code .mail.protection.outlook.com}): many
     * customer domains served by one provider share that provider's budget.
     */
    record MxSuffix(String suffix) implements PolicyMatcher {
        public MxSuffix {
            if (suffix == null || suffix.isBlank() || suffix.strip().equals(".")) {
                throw new IllegalArgumentException("an MX suffix must not be empty");
            }
            String s = suffix.strip().toLowerCase(Locale.ROOT);
            suffix = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }

        /** Whether any of the MX host names ends in the suffix (DNS names: case-insensitive, trailing dot ignored). */
        public boolean matchesAny(List<String> mxHosts) {
            for (String host : mxHosts) {
                String h = host.toLowerCase(Locale.ROOT);
                if (h.endsWith(".")) {
                    h = h.substring(0, h.length() - 1);
                }
                if (h.endsWith(suffix) || ("." + h).equals(suffix)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The default policy's matcher: everything no other policy claims. */
    record Everything() implements PolicyMatcher {
    }
}
