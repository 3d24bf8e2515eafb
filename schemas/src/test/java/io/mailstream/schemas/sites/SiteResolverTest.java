package io.mailstream.schemas.sites;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.Site;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SiteResolverTest {
    private static final Map<String, List<String>> DNS = Map.of(
            "contoso.org", List.of("contoso-org.mail.protection.outlook.com."),
            "startup.io", List.of("ASPMX.L.GOOGLE.COM.", "alt1.aspmx.l.google.com."),
            "shop-a.net", List.of("mx1.hoster.net", "mx2.hoster.net"),
            "shop-b.net", List.of("mx1.hoster.net"),
            "nomx.net", List.of());

    private static MxLookup fakeDns(AtomicInteger calls) {
        return d -> {
            calls.incrementAndGet();
            List<String> hosts = DNS.get(d.asString());
            if (hosts == null) {
                throw new IllegalStateException("SERVFAIL " + d);
            }
            return hosts;
        };
    }

    @Test
    void providerDomainsAndHostedDomainsShouldShareTheProvidersSite() {
        try (SiteResolver r = new SiteResolver(ProviderSites.builtIn(), fakeDns(new AtomicInteger()), Duration.ofSeconds(5))) {
            assertThat(r.targetOf(Domain.of("gmail.com"))).isEqualTo(Site.of("google"));
            assertThat(r.targetOf(Domain.of("startup.io"))).isEqualTo(Site.of("google"));
            assertThat(r.targetOf(Domain.of("hotmail.com"))).isEqualTo(Site.of("microsoft"));
            assertThat(r.targetOf(Domain.of("contoso.org"))).isEqualTo(Site.of("microsoft"));
            assertThat(r.targetOf(Domain.of("aol.com"))).isEqualTo(Site.of("yahoo"));
            assertThat(r.targetOf(Domain.of("web.de"))).isEqualTo(Site.of("gmx"));
        }
    }

    @Test
    void longTailDomainsShouldRollUpByTheirMostPreferredMxHost() {
        try (SiteResolver r = new SiteResolver(ProviderSites.builtIn(), fakeDns(new AtomicInteger()), Duration.ofSeconds(5))) {
            assertThat(r.targetOf(Domain.of("shop-a.net"))).isEqualTo(Site.of("mx1.hoster.net"));
            assertThat(r.targetOf(Domain.of("shop-b.net"))).isEqualTo(Site.of("mx1.hoster.net"));
        }
    }

    @Test
    void aDomainShouldBeItsOwnTargetWithoutMxOnDnsFailureAndForReservedNames() {
        AtomicInteger calls = new AtomicInteger();
        try (SiteResolver r = new SiteResolver(ProviderSites.builtIn(), fakeDns(calls), Duration.ofSeconds(5))) {
            assertThat(r.targetOf(Domain.of("nomx.net"))).isEqualTo(Domain.of("nomx.net"));
            assertThat(r.targetOf(Domain.of("servfail.net"))).isEqualTo(Domain.of("servfail.net"));
            assertThat(r.fallbacks()).isEqualTo(1);
            int before = calls.get();
            assertThat(r.targetOf(Domain.of("example.com"))).isEqualTo(Domain.of("example.com"));
            assertThat(r.targetOf(Domain.of("mx.sink.test"))).isEqualTo(Domain.of("mx.sink.test"));
            assertThat(calls.get()).as("reserved names are never looked up").isEqualTo(before);
        }
    }

    @Test
    void aSlowLookupShouldFallBackToTheDomainAfterTheTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        MxLookup hanging = d -> {
            never.await();
            return List.of("mx.never.net");
        };
        try (SiteResolver r = new SiteResolver(ProviderSites.builtIn(), hanging, Duration.ofMillis(50))) {
            assertThat(r.targetOf(Domain.of("slow.net"))).isEqualTo(Domain.of("slow.net"));
            assertThat(r.fallbacks()).isEqualTo(1);
        }
    }

    @Test
    void eachDomainShouldBeLookedUpOnce() {
        AtomicInteger calls = new AtomicInteger();
        try (SiteResolver r = new SiteResolver(ProviderSites.builtIn(), fakeDns(calls), Duration.ofSeconds(5))) {
            for (int i = 0; i < 100; i++) {
                r.targetOf(Domain.of("shop-a.net"));
            }
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aDomainNamedInTheShardMapShouldKeepItsDomainKeySoOldConfigurationsStillHold() {
        DomainShards shards = DomainShards.parse("gmail.com=4,site:microsoft=8");
        try (SiteResolver r = SiteResolver.providersOnly()) {
            assertThat(r.routingKey(EmailAddress.parse("ann@gmail.com"), shards).asString()).matches("gmail\\.com#[0-3]");
            assertThat(r.routingKey(EmailAddress.parse("ann@googlemail.com"), shards).asString()).isEqualTo("site:google");
            assertThat(r.routingKey(EmailAddress.parse("ann@outlook.com"), shards).asString()).matches("site:microsoft#[0-7]");
            assertThat(r.routingKey(EmailAddress.parse("ann@small.example"), shards).asString()).isEqualTo("small.example");
        }
    }
}
