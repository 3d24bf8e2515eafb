package io.mailstream.dispatcher.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Gauges per destination, labelled {@code destination}, for the console's domains page: rate in force,
 * open connections, their maximum and whether the circuit is open. Destinations come and go (MX hosts
 * in direct mode are unbounded), so only the top {@code limit} are published, busiest first (most open
 * connections, then throttled ones): a destination that drops out of the top loses its series at the
 * next {@link #refresh}. At most {@code 4 × limit} series.
 */
public final class DestinationGauges {
    public static final int DEFAULT_LIMIT = 50;
    public static final String RATE_LIMIT = "mailstream.destination.rate.limit";
    public static final String CONNECTIONS = "mailstream.destination.connections.open";
    public static final String CONNECTIONS_MAX = "mailstream.destination.connections.max";
    public static final String CIRCUIT_OPEN = "mailstream.destination.circuit.open";

    /** Busiest first: connections open, then a rate held below the policy, then the name for a stable order. */
    static final Comparator<DestinationUsage> BUSIEST = Comparator.comparingInt(DestinationUsage::openConnections).reversed()
            .thenComparing(d -> d.rateLimit().isEmpty())
            .thenComparing(DestinationUsage::destination);

    private final int limit;
    private final MultiGauge rate;
    private final MultiGauge connections;
    private final MultiGauge max;
    private final MultiGauge circuit;

    public DestinationGauges(MeterRegistry registry, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("destination series limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.rate = MultiGauge.builder(RATE_LIMIT).description("Messages per second allowed now to the destination "
                + "(after adaptive backoff; 0 while suspended), only for destinations held below their policy").register(registry);
        this.connections = MultiGauge.builder(CONNECTIONS).description("SMTP connections open to the destination")
                .register(registry);
        this.max = MultiGauge.builder(CONNECTIONS_MAX).description("The destination's connection maximum (bulkhead)")
                .register(registry);
        this.circuit = MultiGauge.builder(CIRCUIT_OPEN).description("1 while a circuit breaker of the destination is open")
                .register(registry);
    }

    /** Publishes the top {@code limit} of {@code all}; the others' series are removed. */
    public void refresh(Collection<DestinationUsage> all) {
        List<DestinationUsage> top = top(all, limit);
        rate.register(rows(top.stream().filter(d -> d.rateLimit().isPresent()).toList(), d -> d.rateLimit().getAsDouble()), true);
        connections.register(rows(top, DestinationUsage::openConnections), true);
        max.register(rows(top, DestinationUsage::maxConnections), true);
        circuit.register(rows(top, d -> d.circuitOpen() ? 1 : 0), true);
    }

    static List<DestinationUsage> top(Collection<DestinationUsage> all, int limit) {
        return all.stream().sorted(BUSIEST).limit(limit).toList();
    }

    private static List<MultiGauge.Row<?>> rows(List<DestinationUsage> usages, ToDoubleFunction<DestinationUsage> value) {
        return usages.stream().<MultiGauge.Row<?>>map(d -> MultiGauge.Row.of(Tags.of("destination", d.destination()),
                value.applyAsDouble(d))).toList();
    }
}
