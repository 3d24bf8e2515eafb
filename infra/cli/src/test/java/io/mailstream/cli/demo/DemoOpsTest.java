package io.mailstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.console.health.DestinationLive;
import io.mailstream.console.health.HealthEndpoint;
import io.mailstream.console.health.HealthProbe;
import io.mailstream.console.health.HealthRow;
import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import io.micrometer.core.instrument.Gauge;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code demo --console} hands the console its own services' ops ports, which the console reads as it reads a fleet's. */
class DemoOpsTest {

    @Test
    void forTheConsoleTheDispatchersAndBounceProcessorsMetricsAndHealthShouldBeTheConsolesHealthTargets() {
        try (DemoOps ops = DemoOps.start(true)) {
            // what the dispatcher publishes per destination (DestinationGauges), registered where the demo's dispatcher registers
            Gauge.builder("mailstream.destination.connections.open", () -> 3).tag("destination", "mx.example.org")
                    .register(ops.dispatcherMeters());
            Gauge.builder("mailstream.destination.connections.max", () -> 8).tag("destination", "mx.example.org")
                    .register(ops.dispatcherMeters());
            ops.serve(health(true), health(false));

            assertThat(ops.consoleTargets()).extracting(HealthEndpoint::name)
                    .containsExactly(DemoOps.DISPATCHER, DemoOps.BOUNCE_PROCESSOR);
            HealthProbe probe = new HealthProbe(ops.consoleTargets());
            assertThat(probe.probe()).extracting(HealthRow::name, HealthRow::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(DemoOps.DISPATCHER, HealthRow.Status.READY),
                    org.assertj.core.groups.Tuple.tuple(DemoOps.BOUNCE_PROCESSOR, HealthRow.Status.NOT_READY));
            assertThat(probe.pools()).as("only the dispatcher's endpoint has pools").singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo(DemoOps.DISPATCHER);
                assertThat(p.destinations()).extracting(DestinationLive::destination, DestinationLive::open, DestinationLive::max)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("mx.example.org", 3.0, 8.0));
            });
        }
    }

    @Test
    void withoutTheConsoleNoPortShouldBeOpenedAndTheConsoleGetsNoTargets() {
        try (DemoOps ops = DemoOps.start(false)) {
            assertThat(ops.consoleTargets()).isEmpty();
            assertThat(ops.dispatcherMeters()).as("the dispatcher still has somewhere to register its meters").isNotNull();
        }
    }

    private static ServiceHealth health(boolean ready) {
        return new ServiceHealth() {
            @Override
            public HealthReport liveness() {
                return HealthReport.of(Map.of("alive", true));
            }

            @Override
            public HealthReport readiness() {
                return HealthReport.of(Map.of("ready", ready));
            }
        };
    }
}
