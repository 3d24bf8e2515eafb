package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.testkit.dns.LocalDnsServer;
import io.mailstream.schemas.address.Domain;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final LocalDnsServer dns = new LocalDnsServer();

    @AfterEach
    void tearDown() {
        dns.close();
    }

    private Router router() {
        RouteConfig config = RouteConfig.directMx(DnsSettings.resolver(dns.address())).withAllowPrivateAddresses(true);
        return new Router(config, new DnsMxResolver(config.dns()), new Random(42));
    }

    @Test
    void routeShouldShuffleHostsOfEqualPreferenceButKeepPreferenceOrder() {
        dns.mx("acme.test", 10, "a.acme.test", 300).mx("acme.test", 10, "b.acme.test", 300)
                .mx("acme.test", 20, "backup.acme.test", 300)
                .a("a.acme.test", "127.0.0.1", 300).a("b.acme.test", "127.0.0.2", 300)
                .a("backup.acme.test", "127.0.0.3", 300);
        Router router = router();
        Set<List<String>> orders = new HashSet<>();

        for (int i = 0; i < 20; i++) {
            Routing r = router.route(Domain.of("acme.test"));
            List<String> hosts = ((Routing.Destinations) r).destinations().stream().map(Destination::host).toList();
            assertThat(hosts.get(2)).isEqualTo("backup.acme.test");
            orders.add(hosts);
        }

        assertThat(orders).containsExactlyInAnyOrder(
                List.of("a.acme.test", "b.acme.test", "backup.acme.test"),
                List.of("b.acme.test", "a.acme.test", "backup.acme.test"));
    }

    @Test
    void routeShouldSkipMxHostsWithoutAddressAndKeepTheOthers() {
        dns.mx("acme.test", 10, "gone.acme.test", 300).mx("acme.test", 20, "b.acme.test", 300)
                .a("b.acme.test", "127.0.0.2", 300);

        Routing r = router().route(Domain.of("acme.test"));

        assertThat(((Routing.Destinations) r).destinations()).extracting(Destination::host).containsExactly("b.acme.test");
    }

    @Test
    void routeShouldBeUnroutableWhenNoMxHostHasAnAddress() {
        dns.mx("acme.test", 10, "gone.acme.test", 300);

        assertThat(router().route(Domain.of("acme.test"))).isInstanceOfSatisfying(Routing.Unroutable.class,
                u -> assertThat(u.enhancedStatus()).isEqualTo("5.1.2"));
    }

    @Test
    void routeShouldTryLaterWhenTheOnlyMxHostCannotBeResolvedNow() {
        dns.mx("acme.test", 10, "flaky.acme.test", 300).servfail("flaky.acme.test");

        assertThat(router().route(Domain.of("acme.test"))).isInstanceOf(Routing.TryLater.class);
    }

    private Router strictRouter() {
        RouteConfig config = RouteConfig.directMx(DnsSettings.resolver(dns.address()));
        return new Router(config, new DnsMxResolver(config.dns()), new Random(42));
    }

    @Test
    void routeShouldRefuseMxAddressesThatAreNotPublicByDefault() {
        dns.mx("acme.test", 10, "meta.acme.test", 300).mx("acme.test", 20, "lan.acme.test", 300)
                .mx("acme.test", 30, "ula.acme.test", 300).mx("acme.test", 40, "self.acme.test", 300)
                .a("meta.acme.test", "169.254.169.254", 300).a("lan.acme.test", "10.1.2.3", 300)
                .aaaa("ula.acme.test", "fd00::1", 300).a("self.acme.test", "127.0.0.1", 300);

        assertThat(strictRouter().route(Domain.of("acme.test"))).isInstanceOfSatisfying(Routing.TryLater.class, t ->
                assertThat(t.reason()).contains("169.254.169.254", "10.1.2.3", "fd00:0:0:0:0:0:0:1", "127.0.0.1",
                        "direct.allow-private-addresses"));
    }

    @Test
    void routeShouldKeepThePublicAddressesOfAnMxHostAndDropItsPrivateOnes() {
        dns.mx("acme.test", 10, "mixed.acme.test", 300)
                .a("mixed.acme.test", "192.168.1.10", 300).a("mixed.acme.test", "192.0.2.25", 300);

        Routing r = strictRouter().route(Domain.of("acme.test"));

        assertThat(((Routing.Destinations) r).destinations()).singleElement()
                .satisfies(d -> assertThat(d.address().orElseThrow().getHostAddress()).isEqualTo("192.0.2.25"));
    }

    @Test
    void routeShouldDeliverToPrivateAddressesWhenAllowed() {
        dns.mx("acme.test", 10, "lan.acme.test", 300).a("lan.acme.test", "10.1.2.3", 300);

        assertThat(router().route(Domain.of("acme.test"))).isInstanceOf(Routing.Destinations.class);
    }
}
