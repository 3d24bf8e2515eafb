package io.mailstream.console.health;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one dispatcher's {@code /metrics} says of its SMTP pools and traffic policies: connections
 * summed over destinations, per policy the configured rate and the rate allowed now after adaptive
 * backoff, per destination (its busiest, as many as it publishes) rate in force, connections and circuit,
 * and per warm-up schedule the day in force and its budgets.
 */
public record DispatcherPools(String name, OptionalDouble open, OptionalDouble busy, OptionalDouble idle, OptionalDouble max,
                              List<PolicyRate> policies, List<DestinationLive> destinations, List<WarmupLive> warmups) {
    public DispatcherPools {
        policies = List.copyOf(policies);
        destinations = List.copyOf(destinations);
        warmups = List.copyOf(warmups);
    }

    /** @param suspended whether the policy cools off after slow-down replies */
    public record PolicyRate(String policy, double configuredPerSecond, double allowedPerSecond, boolean suspended) {
    }

    static DispatcherPools of(String name, List<PrometheusText.Sample> samples) {
        java.util.Map<String, double[]> policies = new java.util.TreeMap<>();
        double[] pool = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        // per destination: rate (NaN: not held below its policy), open, max, circuit open
        java.util.Map<String, double[]> destinations = new java.util.TreeMap<>();
        java.util.Map<String, double[]> warmups = new java.util.TreeMap<>();
        java.util.Map<String, String> warmupPools = new java.util.HashMap<>();
        for (PrometheusText.Sample s : samples) {
            switch (s.name()) {
                case "mailstream_smtp_pool_connections" -> {
                    switch (s.labels().getOrDefault("state", "")) {
                        case "open" -> pool[0] = s.value();
                        case "busy" -> pool[1] = s.value();
                        case "idle" -> pool[2] = s.value();
                        default -> { }
                    }
                }
                case "mailstream_smtp_pool_connections_max" -> pool[3] = s.value();
                case "mailstream_throttle_rate_cap" -> policy(policies, s)[0] = s.value();
                case "mailstream_throttle_rate" -> policy(policies, s)[1] = s.value();
                case "mailstream_throttle_suspended" -> policy(policies, s)[2] = s.value();
                case "mailstream_destination_rate_limit" -> destination(destinations, s)[0] = s.value();
                case "mailstream_destination_connections_open" -> destination(destinations, s)[1] = s.value();
                case "mailstream_destination_connections_max" -> destination(destinations, s)[2] = s.value();
                case "mailstream_destination_circuit_open" -> destination(destinations, s)[3] = s.value();
                case "mailstream_warmup_day" -> warmup(warmups, warmupPools, s)[0] = s.value();
                case "mailstream_warmup_budget_day" -> warmup(warmups, warmupPools, s)[1] = s.value();
                case "mailstream_warmup_budget_hour" -> warmup(warmups, warmupPools, s)[2] = s.value();
                default -> { }
            }
        }
        return new DispatcherPools(name, opt(pool[0]), opt(pool[1]), opt(pool[2]), opt(pool[3]), policies.entrySet().stream()
                .map(e -> new PolicyRate(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2] == 1)).toList(),
                destinations.entrySet().stream().map(e -> new DestinationLive(e.getKey(), opt(e.getValue()[0]),
                        zeroIfNaN(e.getValue()[1]), zeroIfNaN(e.getValue()[2]), e.getValue()[3] == 1 ? 1 : 0, 1)).toList(),
                warmups.entrySet().stream().map(e -> new WarmupLive(e.getKey(), warmupPools.get(e.getKey()), e.getValue()[0],
                        e.getValue()[1], e.getValue()[2])).toList());
    }

    private static double[] destination(java.util.Map<String, double[]> destinations, PrometheusText.Sample s) {
        return destinations.computeIfAbsent(s.labels().getOrDefault("destination", "?").toLowerCase(java.util.Locale.ROOT),
                k -> new double[] {Double.NaN, Double.NaN, Double.NaN, 0});
    }

    private static double[] warmup(java.util.Map<String, double[]> warmups, java.util.Map<String, String> pools,
                                   PrometheusText.Sample s) {
        String schedule = s.labels().getOrDefault("schedule", "?");
        pools.put(schedule, s.labels().getOrDefault("pool", ""));
        return warmups.computeIfAbsent(schedule, k -> new double[] {Double.NaN, Double.NaN, Double.NaN});
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Whether the endpoint is a dispatcher's at all (a bounce processor's has no pool). */
    public boolean isDispatcher() {
        return open.isPresent() || !policies.isEmpty() || !destinations.isEmpty();
    }

    private static double[] policy(java.util.Map<String, double[]> policies, PrometheusText.Sample s) {
        return policies.computeIfAbsent(s.labels().getOrDefault("policy", "?"), k -> new double[] {Double.NaN, Double.NaN, 0});
    }

    private static OptionalDouble opt(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
