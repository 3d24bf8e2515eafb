package io.mailstream.console.health;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(fleet.forDomain("example.org", "gmail")).get().extracting(DestinationLive::destination).isEqualTo("example.org");
        assertThat(fleet.forDomain("gmail.com", "gmail")).get().extracting(DestinationLive::destination).isEqualTo("site:gmail");
        assertThat(fleet.forDomain("corp.test", "relay.test")).get().extracting(DestinationLive::destination)
                .isEqualTo("relay.test");
        assertThat(fleet.forDomain("other.test", "other.test")).isEmpty();
    }

    private static DispatcherPools dispatcher(String name, DestinationLive... destinations) {
        return new DispatcherPools(name, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), List.of(), List.of(destinations), List.of());
    }
}
