package io.mailstream.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.pool.CircuitState;
import io.mailstream.dispatcher.pool.DestinationStats;
import io.mailstream.dispatcher.pool.PoolKey;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.throttle.ThrottleState;
import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DestinationGaugesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void poolHostsAndThrottledTargetsShouldBeOneRowPerNameWithConnectionsSummedAndTheCircuitOpenIfAnyIs() {
        List<DestinationUsage> rows = DestinationUsage.collect(List.of(
                        stats("MX1.gmail.test", 25, 10, 3, 2, CircuitState.CLOSED),
                        stats("mx1.gmail.test", 26, 10, 1, 0, CircuitState.OPEN),
                        stats("relay.test", 25, 4, 0, 1, CircuitState.CLOSED)),
                List.of(new ThrottleState("gmail", "site:gmail", 0.5, OptionalDouble.of(25), Optional.empty()),
                        new ThrottleState("default", "slow.test", 0.1, OptionalDouble.of(3),
                                Optional.of(Instant.parse("2026-12-03T23:00:00Z")))));

        assertThat(rows).containsExactly(
                new DestinationUsage("mx1.gmail.test", OptionalDouble.empty(), 6, 20, true),
                new DestinationUsage("relay.test", OptionalDouble.empty(), 1, 4, false),
                new DestinationUsage("site:gmail", OptionalDouble.of(25), 0, 0, false),
                new DestinationUsage("slow.test", OptionalDouble.of(0), 0, 0, false)); // suspended: nothing allowed now
    }

    @Test
    void onlyTheBusiestDestinationsUpToTheLimitShouldHaveSeriesAndOneThatDropsOutShouldLoseThem() {
        DestinationGauges gauges = new DestinationGauges(registry, 2);
        gauges.refresh(List.of(usage("a.test", 1, false), usage("b.test", 9, true), usage("c.test", 5, false)));
        System.gc(); // gauges hold their value's object weakly unless told otherwise: a collected one would read NaN

        assertThat(destinations(DestinationGauges.CONNECTIONS)).containsExactlyInAnyOrder("b.test", "c.test");
        assertThat(value(DestinationGauges.CONNECTIONS, "b.test")).isEqualTo(9);
        assertThat(value(DestinationGauges.CIRCUIT_OPEN, "b.test")).isEqualTo(1);
        assertThat(value(DestinationGauges.CIRCUIT_OPEN, "c.test")).isZero();

        gauges.refresh(List.of(usage("a.test", 7, false), usage("b.test", 0, false)));

        assertThat(destinations(DestinationGauges.CONNECTIONS)).containsExactlyInAnyOrder("a.test", "b.test");
        assertThat(value(DestinationGauges.CONNECTIONS, "a.test")).isEqualTo(7);
        assertThat(value(DestinationGauges.CIRCUIT_OPEN, "b.test")).isZero();
    }

    @Test
    void aRateShouldBePublishedOnlyForDestinationsHeldBelowTheirPolicy() {
        DestinationGauges gauges = new DestinationGauges(registry, 10);
        gauges.refresh(List.of(new DestinationUsage("site:yahoo", OptionalDouble.of(12.5), 0, 0, false), usage("x.test", 2, false)));

        assertThat(destinations(DestinationGauges.RATE_LIMIT)).containsExactly("site:yahoo");
        assertThat(value(DestinationGauges.RATE_LIMIT, "site:yahoo")).isEqualTo(12.5);
        assertThatThrownBy(() -> new DestinationGauges(registry, 0)).hasMessageContaining("at least 1");
    }

    @Test
    void aWarmupScheduleShouldPublishTheDayInForceAndItsBudgetsAndNothingAfterItsLastDay() {
        WarmupSchedule schedule = new WarmupSchedule("new-ips", "pool-b", Optional.empty(), LocalDate.parse("2026-12-01"),
                List.of(new WarmupDay(1, 1000, 100), new WarmupDay(2, 2000, 200), new WarmupDay(3, 4000, 400)));
        WarmupGauges.bind(registry, List.of(schedule), Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

        assertThat(registry.get(WarmupGauges.DAY).tag("schedule", "new-ips").tag("pool", "pool-b").gauge().value()).isEqualTo(2);
        assertThat(registry.get(WarmupGauges.BUDGET_DAY).tag("schedule", "new-ips").gauge().value()).isEqualTo(2000);
        assertThat(registry.get(WarmupGauges.BUDGET_HOUR).tag("schedule", "new-ips").gauge().value()).isEqualTo(200);

        SimpleMeterRegistry later = new SimpleMeterRegistry();
        WarmupGauges.bind(later, List.of(schedule), Clock.fixed(Instant.parse("2026-12-09T10:00:00Z"), ZoneOffset.UTC));
        assertThat(later.get(WarmupGauges.DAY).gauge().value()).isNaN();
    }

    private static DestinationUsage usage(String name, int open, boolean circuitOpen) {
        return new DestinationUsage(name, OptionalDouble.empty(), open, 10, circuitOpen);
    }

    private static DestinationStats stats(String host, int port, int max, int busy, int idle, CircuitState circuit) {
        return new DestinationStats(PoolKey.plain(new SmtpRoute(host, port)), max, busy, idle, circuit);
    }

    private List<String> destinations(String name) {
        return registry.find(name).gauges().stream().map(g -> g.getId().getTag("destination")).toList();
    }

    private double value(String name, String destination) {
        Gauge g = registry.get(name).tag("destination", destination).gauge();
        return g.value();
    }
}
