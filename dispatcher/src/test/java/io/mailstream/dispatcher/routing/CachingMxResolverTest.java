package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.testkit.MutableClock;
import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.schemas.address.Domain;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class CachingMxResolverTest {
    private final LocalDnsServer dns = new LocalDnsServer();
    private final MutableClock clock = new MutableClock(Fixtures.NOW);
    private final CachingMxResolver resolver = new CachingMxResolver(
            new DnsMxResolver(DnsSettings.resolver(dns.address())), clock);

    @AfterEach
    void tearDown() {
        dns.close();
    }

    @Test
    void resolveMxShouldAnswerFromCacheUntilTheTtlExpires() {
        dns.mx("acme.test", 10, "mx1.acme.test", 300);
        Domain acme = Domain.of("acme.test");

        resolver.resolveMx(acme);
        clock.advance(Duration.ofSeconds(299));
        resolver.resolveMx(acme);
        assertThat(dns.queries("acme.test", Type.MX)).isEqualTo(1);

        dns.clear("acme.test").mx("acme.test", 10, "mx9.acme.test", 300);
        clock.advance(Duration.ofSeconds(1));
        MxResolution after = resolver.resolveMx(acme);

        assertThat(dns.queries("acme.test", Type.MX)).isEqualTo(2);
        assertThat(after).isInstanceOfSatisfying(MxResolution.Hosts.class,
                h -> assertThat(h.hosts()).extracting(MxHost::host).containsExactly("mx9.acme.test"));
    }

    @Test
    void resolveMxShouldCacheNxdomainForTheNegativeTtl() {
        Domain missing = Domain.of("missing.test");

        resolver.resolveMx(missing);
        resolver.resolveMx(missing);
        assertThat(dns.queries("missing.test", Type.MX)).isEqualTo(1);

        clock.advance(Duration.ofSeconds(LocalDnsServer.NEGATIVE_TTL));
        resolver.resolveMx(missing);
        assertThat(dns.queries("missing.test", Type.MX)).isEqualTo(2);
    }

    @Test
    void resolveMxShouldNotCacheTemporaryFailures() {
        dns.servfail("broken.test");
        Domain broken = Domain.of("broken.test");

        assertThat(resolver.resolveMx(broken)).isInstanceOf(MxResolution.TemporaryFailure.class);
        dns.clear("broken.test").mx("broken.test", 10, "mx.broken.test", 300);

        assertThat(resolver.resolveMx(broken)).isInstanceOf(MxResolution.Hosts.class);
        assertThat(dns.queries("broken.test", Type.MX)).isEqualTo(2);
    }

    @Test
    void resolveAddressesShouldAnswerFromCacheUntilTheTtlExpires() {
        dns.a("mx1.acme.test", "127.0.0.1", 60);

        resolver.resolveAddresses("mx1.acme.test");
        resolver.resolveAddresses("mx1.acme.test");
        clock.advance(Duration.ofSeconds(60));
        resolver.resolveAddresses("mx1.acme.test");

        assertThat(dns.queries("mx1.acme.test", Type.A)).isEqualTo(2);
    }
}
