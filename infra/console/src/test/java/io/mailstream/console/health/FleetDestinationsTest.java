package io.mailstream.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.console.state.DestinationNames;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FleetDestinationsTest {

    @Test
    void aDispatchersDestinationAndWarmupSeriesShouldBeParsedPerLabel() {
        DispatcherPools d = DispatcherPools.of("d1", PrometheusText.parse("""
                mailstream_destination_rate_limit{destination="site:Gmail"} 12.5
                mailstream_destination_connections_open{destination="site:Gmail"} 0.0
                mailstream_destination_connections_max{destination="site:Gmail"} 0.0
                mailstream_destination_circuit_open{destination="site:Gmail"} 0.0
                mailstream_destination_connections_open{destination="mx1.yahoo.test"} 4.0
                mailstream_destination_connections_max{destination="mx1.yahoo.test"} 8.0
                mailstream_destination_circuit_open{destination="mx1.yahoo.test"} 1.0
                mailstream_warmup_day{pool="pool-b",schedule="new-ips",} 2.0
                mailstream_warmup_budget_day{pool="pool-b",schedule="new-ips",} 2000.0
                mailstream_warmup_budget_hour{pool="pool-b",schedule="new-ips",} NaN
                """));

        assertThat(d.isDispatcher()).isTrue();
        assertThat(d.destinations()).containsExactly(
                new DestinationLive("mx1.yahoo.test", OptionalDouble.empty(), 4, 8, 1, 1),
                new DestinationLive("site:gmail", OptionalDouble.of(12.5), 0, 0, 0, 1));
        assertThat(d.warmups()).singleElement().satisfies(w -> {
            assertThat(w.schedule()).isEqualTo("new-ips");
            assertThat(w.pool()).isEqualTo("pool-b");
            assertThat(w.day()).isEqualTo(2);
            assertThat(w.budgetPerDay()).isEqualTo(2000);
            assertThat(w.budgetPerHour()).isNaN();
        });
    }

    @Test
    void mergingShouldSumConnectionsTakeTheLowestRateAndCountOpenBreakers() {
        FleetDestinations fleet = FleetDestinations.merge(List.of(
                dispatcher("d1", new DestinationLive("site:gmail", OptionalDouble.of(20), 3, 10, 1, 1)),
                dispatcher("d2", new DestinationLive("site:gmail", OptionalDouble.of(12), 2, 10, 0, 1),
                        new DestinationLive("example.org", OptionalDouble.empty(), 1, 4, 0, 1)),
                dispatcher("d3", new DestinationLive("site:gmail", OptionalDouble.empty(), 4, 10, 0, 1))));

        assertThat(fleet.destinations()).containsExactly(
                new DestinationLive("example.org", OptionalDouble.empty(), 1, 4, 0, 1),
                new DestinationLive("site:gmail", OptionalDouble.of(12), 9, 30, 1, 3));
    }

    @Test
    void aDomainShouldBeFoundByItsNameElseItsSiteElseAHostNamedLikeItsProvider() {
        FleetDestinations fleet = FleetDestinations.merge(List.of(dispatcher("d1",
                new DestinationLive("example.org", OptionalDouble.empty(), 1, 4, 0, 1),
                new DestinationLive("site:gmail", OptionalDouble.of(5), 0, 0, 0, 1),
                new DestinationLive("relay.test", OptionalDouble.empty(), 6, 6, 0, 1))));

        assertThat(fleet.forDomain(names("example.org", "gmail"))).get().extracting(DestinationLive::destination)
                .isEqualTo("example.org");
        assertThat(fleet.forDomain(names("gmail.com", "site:gmail"))).get().extracting(DestinationLive::destination)
                .isEqualTo("site:gmail");
        assertThat(fleet.forDomain(names("corp.test", "relay.test"))).get().extracting(DestinationLive::destination)
                .isEqualTo("relay.test");
        assertThat(fleet.forDomain(names("other.test", "other.test"))).isEmpty();
    }

    @Test
    void aDomainRolledUpByItsMxHostShouldGetTheRollupSitesRateAndItsMxHostsConnectionsAndBreakers() {
        // launch --mx-lookup routed shop.test to site:mx1.hosting.test (its most preferred MX); its mail went to both MX hosts
        FleetDestinations fleet = FleetDestinations.merge(List.of(dispatcher("d1",
                new DestinationLive("site:mx1.hosting.test", OptionalDouble.of(4), 0, 0, 0, 1),
                new DestinationLive("mx1.hosting.test", OptionalDouble.empty(), 3, 10, 0, 1),
                new DestinationLive("mx2.hosting.test", OptionalDouble.empty(), 1, 10, 1, 1),
                new DestinationLive("mx.elsewhere.test", OptionalDouble.empty(), 7, 10, 0, 1))));

        assertThat(fleet.forDomain(DestinationNames.of("shop.test", "shop.test", List.of("MX2.hosting.test.", "mx1.hosting.test"))))
                .contains(new DestinationLive("site:mx1.hosting.test + mx2.hosting.test + mx1.hosting.test", OptionalDouble.of(4),
                        4, 20, 1, 1));
        assertThat(fleet.forDomain(names("shop.test", "shop.test"))).as("no delivery seen yet: its MX hosts are unknown").isEmpty();
    }

    @Test
    void aCustomerDomainOfAProviderShouldGetTheProvidersSiteByItsMxHosts() {
        // a Google Workspace domain: its MX is Google's, so launch --mx-lookup routed it to site:google
        FleetDestinations fleet = FleetDestinations.merge(List.of(
                dispatcher("d1", new DestinationLive("site:google", OptionalDouble.of(20), 0, 0, 0, 1),
                        new DestinationLive("aspmx.l.google.com", OptionalDouble.empty(), 2, 10, 0, 1)),
                dispatcher("d2", new DestinationLive("site:google", OptionalDouble.of(15), 0, 0, 0, 1),
                        new DestinationLive("aspmx.l.google.com", OptionalDouble.empty(), 5, 10, 0, 1))));

        assertThat(fleet.forDomain(DestinationNames.of("corp.example", "corp.example", List.of("aspmx.l.google.com"))))
                .contains(new DestinationLive("site:google + aspmx.l.google.com", OptionalDouble.of(15), 7, 20, 0, 2));
    }

    private static DestinationNames names(String domain, String provider) {
        return DestinationNames.of(domain, provider, List.of());
    }

    private static DispatcherPools dispatcher(String name, DestinationLive... destinations) {
        return new DispatcherPools(name, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), List.of(), List.of(destinations), List.of());
    }
}
