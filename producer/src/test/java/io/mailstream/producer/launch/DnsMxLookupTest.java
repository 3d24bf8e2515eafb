package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.Site;
import io.mailstream.schemas.sites.ProviderSites;
import io.mailstream.schemas.sites.SiteResolver;
import io.mailstream.testkit.dns.LocalDnsServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * MX lookups of the long tail at launch ({@code --mx-lookup}) against a real DNS responder on a local
 * UDP port ({@link LocalDnsServer}): the launch's {@link SiteResolver} with a {@link DnsMxLookup}.
 */
class DnsMxLookupTest {
    private final LocalDnsServer dns = new LocalDnsServer();

    @AfterEach
    void stop() {
        dns.close();
    }

    private SiteResolver resolver(Duration timeout) {
        return new SiteResolver(ProviderSites.builtIn(), new DnsMxLookup(new MxLookupSettings(Optional.of(dns.address()), timeout)),
                timeout);
    }

    @Test
    void aGoogleWorkspaceDomainShouldBeRoutedToGooglesSiteByItsMxHosts() {
        dns.mx("acme-widgets.io", 10, "alt1.aspmx.l.google.com", 300).mx("acme-widgets.io", 1, "aspmx.l.google.com", 300);
        try (SiteResolver sites = resolver(Duration.ofSeconds(2))) {
            assertThat(sites.targetOf(Domain.of("acme-widgets.io"))).isEqualTo(Site.of("google"));
            assertThat(sites.routingKey(EmailAddress.parse("ann@acme-widgets.io"), DomainShards.NONE).asString())
                    .isEqualTo("site:google");
            assertThat(sites.targetOf(Domain.of("acme-widgets.io"))).as("cached").isEqualTo(Site.of("google"));
            assertThat(dns.queries("acme-widgets.io", Type.MX)).as("looked up once per launch").isEqualTo(1);
        }
    }

    @Test
    void aLongTailDomainShouldShareTheSiteOfItsMostPreferredMxHost() throws Exception {
        dns.mx("shop-one.io", 20, "mx2.hoster.net", 300).mx("shop-one.io", 5, "MX1.Hoster.net", 300)
                .mx("shop-two.io", 5, "mx1.hoster.net", 300);
        assertThat(new DnsMxLookup(new MxLookupSettings(Optional.of(dns.address()), Duration.ofSeconds(2)))
                .mxHosts(Domain.of("shop-one.io"))).containsExactly("mx1.hoster.net", "mx2.hoster.net");
        try (SiteResolver sites = resolver(Duration.ofSeconds(2))) {
            assertThat(sites.targetOf(Domain.of("shop-one.io"))).isEqualTo(Site.of("mx1.hoster.net"))
                    .isEqualTo(sites.targetOf(Domain.of("shop-two.io")));
        }
    }

    @Test
    void aDomainWithoutMxOrThatDoesNotExistShouldBeRoutedByItselfWithoutCountingAFailure() {
        dns.a("own-host.io", "192.0.2.7", 300).nullMx("no-mail.io");
        try (SiteResolver sites = resolver(Duration.ofSeconds(2))) {
            assertThat(sites.targetOf(Domain.of("own-host.io"))).isEqualTo(Domain.of("own-host.io"));
            assertThat(sites.targetOf(Domain.of("no-mail.io"))).isEqualTo(Domain.of("no-mail.io"));
            assertThat(sites.targetOf(Domain.of("nxdomain.io"))).isEqualTo(Domain.of("nxdomain.io"));
            assertThat(sites.fallbacks()).isZero();
        }
    }

    @Test
    void aFailingResolverShouldRouteTheDomainByItselfAndSayWhy() {
        dns.servfail("broken-dns.io");
        try (SiteResolver sites = resolver(Duration.ofSeconds(2))) {
            assertThat(sites.targetOf(Domain.of("broken-dns.io"))).isEqualTo(Domain.of("broken-dns.io"));
            assertThat(sites.fallbacks()).isEqualTo(1);
            assertThat(sites.firstFallback()).hasValueSatisfying(why -> assertThat(why)
                    .contains("broken-dns.io", "SERVFAIL", dns.address().split(":")[1]));
        }
    }

    @Test
    void aSilentResolverShouldCostADomainNoMoreThanTheTimeout() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SiteResolver sites = new SiteResolver(ProviderSites.builtIn(), new DnsMxLookup(new MxLookupSettings(
                     Optional.of("127.0.0.1:" + silent.getLocalPort()), Duration.ofMillis(300))), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThat(sites.targetOf(Domain.of("slow-dns.io"))).isEqualTo(Domain.of("slow-dns.io"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(sites.firstFallback()).hasValueSatisfying(why -> assertThat(why).contains("slow-dns.io"));
        }
    }

    @Test
    void lookupsShouldStopAfterTwentyFailuresInARowSoThatALaunchStaysBounded() {
        for (int i = 0; i < 25; i++) {
            dns.servfail("down" + i + ".io");
        }
        try (SiteResolver sites = resolver(Duration.ofSeconds(2))) {
            for (int i = 0; i < 25; i++) {
                assertThat(sites.targetOf(Domain.of("down" + i + ".io"))).isEqualTo(Domain.of("down" + i + ".io"));
            }
            assertThat(dns.queries("down19.io", Type.MX)).isEqualTo(1);
            assertThat(dns.queries("down20.io", Type.MX)).as("not asked any more").isZero();
            assertThat(sites.fallbacks()).isEqualTo(25);
        }
    }

    @Test
    void aBadResolverSettingShouldBeRefusedNamingTheOption() {
        assertThatThrownBy(() -> new MxLookupSettings(Optional.of(" "), Duration.ofSeconds(1)))
                .hasMessageContaining("--dns-resolver");
        assertThatThrownBy(() -> new MxLookupSettings(Optional.empty(), Duration.ZERO)).hasMessageContaining("--mx-lookup-timeout");
        assertThatThrownBy(() -> new DnsMxLookup(new MxLookupSettings(Optional.of("127.0.0.1:99999"), Duration.ofSeconds(1))))
                .hasMessageContaining("--dns-resolver 127.0.0.1:99999");
    }
}
