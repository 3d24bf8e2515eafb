package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.schemas.address.Domain;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DnsMxResolverTest {
    private final LocalDnsServer dns = new LocalDnsServer();
    private final DnsMxResolver resolver = new DnsMxResolver(DnsSettings.resolver(dns.address()));

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void resolveMxShouldListHostsInPreferenceOrderWithTheSmallestTtl() {
        dns.mx("acme.test", 20, "mx2.acme.test", 600).mx("acme.test", 5, "mx0.acme.test", 300)
                .mx("acme.test", 10, "MX1.acme.test.", 900);

        MxResolution r = resolver.resolveMx(Domain.of("acme.test"));

        assertThat(r).isInstanceOfSatisfying(MxResolution.Hosts.class, h -> {
            assertThat(h.hosts()).containsExactly(new MxHost("mx0.acme.test", 5), new MxHost("mx1.acme.test", 10),
                    new MxHost("mx2.acme.test", 20));
            assertThat(h.implicit()).isFalse();
            assertThat(h.ttl()).isEqualTo(Duration.ofSeconds(300));
        });
    }

    @Test
    void resolveMxShouldUseTheDomainItselfAsImplicitMxWhenItHasOnlyAddressRecords() {
        dns.a("plain.test", "127.0.0.1", 120);

        MxResolution r = resolver.resolveMx(Domain.of("plain.test"));

        assertThat(r).isInstanceOfSatisfying(MxResolution.Hosts.class, h -> {
            assertThat(h.hosts()).containsExactly(new MxHost("plain.test", 0));
            assertThat(h.implicit()).isTrue();
        });
    }

    @Test
    void resolveMxShouldReportNullMxPerRfc7505() {
        dns.nullMx("nomail.test");

        assertThat(resolver.resolveMx(Domain.of("nomail.test"))).isInstanceOf(MxResolution.NullMx.class);
    }

    @Test
    void resolveMxShouldReportNoSuchDomainOnNxdomainWithTheSoaNegativeTtl() {
        MxResolution r = resolver.resolveMx(Domain.of("missing.test"));

        assertThat(r).isInstanceOfSatisfying(MxResolution.NoSuchDomain.class, n -> {
            assertThat(n.reason()).contains("NXDOMAIN");
            assertThat(n.ttl()).isEqualTo(Duration.ofSeconds(LocalDnsServer.NEGATIVE_TTL));
        });
    }

    @Test
    void resolveMxShouldReportNoSuchDomainWhenTheNameExistsWithNeitherMxNorAddress() {
        dns.exists("hollow.test");

        assertThat(resolver.resolveMx(Domain.of("hollow.test"))).isInstanceOfSatisfying(MxResolution.NoSuchDomain.class,
                n -> assertThat(n.reason()).contains("neither MX nor address"));
    }

    @Test
    void resolveMxShouldReportATemporaryFailureOnServfail() {
        dns.servfail("broken.test");

        assertThat(resolver.resolveMx(Domain.of("broken.test"))).isInstanceOfSatisfying(MxResolution.TemporaryFailure.class,
                t -> assertThat(t.reason()).contains("SERVFAIL"));
    }

    @Test
    void resolveMxShouldReportATemporaryFailureWhenTheResolverDoesNotAnswer() throws Exception {
        int deadPort;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        DnsMxResolver silent = new DnsMxResolver(DnsSettings.resolver("127.0.0.1:" + deadPort)
                .withTimeout(Duration.ofMillis(300)));

        assertThat(silent.resolveMx(Domain.of("acme.test"))).isInstanceOf(MxResolution.TemporaryFailure.class);
    }

    @Test
    void resolveAddressesShouldReturnIpv4BeforeIpv6() throws Exception {
        dns.aaaa("mx.acme.test", "::1", 300).a("mx.acme.test", "127.0.0.1", 300);

        InetAddress v4 = InetAddress.getByName("127.0.0.1");
        InetAddress v6 = InetAddress.getByName("::1");

        assertThat(resolver.resolveAddresses("mx.acme.test")).isInstanceOfSatisfying(AddressResolution.Addresses.class,
                a -> assertThat(a.addresses()).containsExactly(v4, v6));
    }
}
