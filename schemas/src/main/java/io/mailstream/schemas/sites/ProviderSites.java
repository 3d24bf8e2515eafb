package io.mailstream.schemas.sites;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.Site;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The maintained map of mailbox providers: their own consumer domains and the MX host suffixes of
 * the mail they host for others, each to one provider {@link Site}. Receivers limit senders per
 * provider, not per recipient domain, so every domain here shares its provider's budget.
 *
 * <p>Sources, checked 2026-12 (update here, and the table in the schemas README, when they change):
 * <ul>
 * <li>google: Google Workspace MX values, support.google.com/a/answer/174125
 *     ({@code smtp.google.com}, {@code aspmx.l.google.com}, {@code alt1..4.aspmx.l.google.com},
 *     {@code aspmx2..5.googlemail.com}); gmail.com's own MX {@code gmail-smtp-in.l.google.com}.</li>
 * <li>microsoft: "External DNS records for Microsoft 365", learn.microsoft.com
 *     ({@code <tenant>.mail.protection.outlook.com}); consumer Outlook.com/Hotmail MX
 *     {@code *.olc.protection.outlook.com}.</li>
 * <li>yahoo: Yahoo and AOL share {@code *.yahoodns.net} (mta5.am0.yahoodns.net,
 *     mx-aol.mail.gm0.yahoodns.net); senders.yahooinc.com.</li>
 * <li>apple: iCloud Mail custom domains, support.apple.com/102374 ({@code mx01/mx02.mail.icloud.com}).</li>
 * <li>gmx: United Internet's GMX, web.de and mail.com ({@code mx00.gmx.net}, {@code mx-ha03.web.de},
 *     {@code mx00.mail.com}); postmaster.gmx.net, postmaster.web.de.</li>
 * <li>orange: {@code smtp-in.orange.fr}; postmaster.orange.fr.</li>
 * <li>mailru: {@code mxs.mail.ru}; postmaster.mail.ru.</li>
 * <li>yandex: {@code mx.yandex.ru}, {@code mx.yandex.net} (Yandex 360 for business); yandex.com/support/mail.</li>
 * <li>comcast: {@code mx1/mx2.comcast.net}; postmaster.comcast.net.</li>
 * <li>zoho: {@code mx.zoho.com}, {@code mx.zoho.eu}; zoho.com/mail/help/adminconsole/configure-email-delivery.html.</li>
 * </ul>
 */
public final class ProviderSites {
    private final Map<Domain, Site> domains;
    private final Map<String, Site> mxSuffixes;

    private ProviderSites(Map<Domain, Site> domains, Map<String, Site> mxSuffixes) {
        this.domains = Map.copyOf(domains);
        this.mxSuffixes = Map.copyOf(mxSuffixes);
    }

    /** The built-in table (see the class comment for its sources). */
    public static ProviderSites builtIn() {
        Builder b = new Builder();
        b.site("google", List.of("gmail.com", "googlemail.com"),
                List.of(".google.com", ".googlemail.com"));
        b.site("microsoft", List.of("outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
                        "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.co.uk", "live.fr",
                        "live.de", "live.nl", "outlook.fr", "outlook.de", "outlook.es", "windowslive.com"),
                List.of(".mail.protection.outlook.com", ".olc.protection.outlook.com"));
        b.site("yahoo", List.of("yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de",
                        "yahoo.es", "yahoo.it", "yahoo.co.jp", "yahoo.com.br", "yahoo.ca", "yahoo.in",
                        "aol.com", "aim.com", "aol.co.uk", "aol.fr", "aol.de", "verizon.net", "att.net", "sbcglobal.net"),
                List.of(".yahoodns.net"));
        b.site("apple", List.of("icloud.com", "me.com", "mac.com"), List.of(".mail.icloud.com"));
        b.site("gmx", List.of("gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "gmx.fr", "web.de", "mail.com"),
                List.of(".gmx.net", ".gmx.com", ".web.de", ".mail.com"));
        b.site("orange", List.of("orange.fr", "wanadoo.fr"), List.of(".orange.fr"));
        b.site("mailru", List.of("mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru"), List.of(".mail.ru"));
        b.site("yandex", List.of("yandex.ru", "yandex.com", "ya.ru", "yandex.by", "yandex.kz", "yandex.ua"),
                List.of(".yandex.ru", ".yandex.net"));
        b.site("comcast", List.of("comcast.net"), List.of(".comcast.net"));
        b.site("zoho", List.of("zoho.com", "zohomail.com", "zohomail.eu"), List.of(".zoho.com", ".zoho.eu"));
        return b.build();
    }

    /**
     * This table and {@code more} sites (site name to its own domains; no MX suffixes): stand-in providers
     * for benches and tests whose recipient domains are reserved names (RFC 2606) that are never looked up.
     * A domain already in the table, or listed twice, is refused.
     */
    public ProviderSites plus(Map<String, List<String>> more) {
        Map<Domain, Site> all = new LinkedHashMap<>(domains);
        more.forEach((site, own) -> own.forEach(d -> {
            if (all.put(Domain.of(d), Site.of(site)) != null) {
                throw new IllegalArgumentException(d + " is listed for two sites");
            }
        }));
        return new ProviderSites(all, mxSuffixes);
    }

    /** The provider site of a provider's own domain ({@code gmail.com → google}). */
    public Optional<Site> siteOfDomain(Domain domain) {
        return Optional.ofNullable(domains.get(domain));
    }

    /**
     * The provider site of the first MX host (in the order given: preference) whose name ends in a
     * known suffix; DNS names compared case-insensitively, trailing dot ignored.
     */
    public Optional<Site> siteOfMx(List<String> mxHosts) {
        for (String host : mxHosts) {
            String h = normalizeHost(host);
            for (Map.Entry<String, Site> e : mxSuffixes.entrySet()) {
                if (h.endsWith(e.getKey()) || ("." + h).equals(e.getKey())) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    static String normalizeHost(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** Every provider site in the table. */
    public List<Site> sites() {
        return domains.values().stream().distinct().sorted(java.util.Comparator.comparing(Site::name)).toList();
    }

    private static final class Builder {
        private final Map<Domain, Site> domains = new LinkedHashMap<>();
        private final Map<String, Site> suffixes = new LinkedHashMap<>();

        void site(String name, List<String> ownDomains, List<String> mxSuffixes) {
            Site site = Site.of(name);
            ownDomains.forEach(d -> {
                if (domains.put(Domain.of(d), site) != null) {
                    throw new IllegalStateException(d + " is listed for two providers");
                }
            });
            mxSuffixes.forEach(s -> {
                if (suffixes.put(s, site) != null) {
                    throw new IllegalStateException(s + " is listed for two providers");
                }
            });
        }

        ProviderSites build() {
            return new ProviderSites(domains, suffixes);
        }
    }
}
