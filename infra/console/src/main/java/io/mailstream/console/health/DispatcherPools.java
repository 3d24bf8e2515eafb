package io.mailstream.console.health;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What one dispatcher's {@code /metrics} says of its SMTP pools and traffic policies: connections
 * summed over destinations (the pool publishes no count per destination) and, per policy, the
 * configured rate and the rate allowed now after adaptive backoff.
 */
public record DispatcherPools(String name, OptionalDouble open, OptionalDouble busy, OptionalDouble idle, OptionalDouble max,
                              List<PolicyRate> policies) {
    public DispatcherPools {
        policies = List.copyOf(policies);
    }

    /** @param suspended whether the policy cools off after slow-down replies */
    public record PolicyRate(String policy, double configuredPerSecond, double allowedPerSecond, boolean suspended) {
    }

    static DispatcherPools of(String name, List<PrometheusText.Sample> samples) {
        java.util.Map<String, double[]> policies = new java.util.TreeMap<>();
        double[] pool = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
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
                default -> { }
            }
        }
        return new DispatcherPools(name, opt(pool[0]), opt(pool[1]), opt(pool[2]), opt(pool[3]), policies.entrySet().stream()
                .map(e -> new PolicyRate(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2] == 1)).toList());
    }

    /** Whether the endpoint is a dispatcher's at all (a bounce processor's has no pool). */
    public boolean isDispatcher() {
        return open.isPresent() || !policies.isEmpty();
    }

    private static double[] policy(java.util.Map<String, double[]> policies, PrometheusText.Sample s) {
        return policies.computeIfAbsent(s.labels().getOrDefault("policy", "?"), k -> new double[] {Double.NaN, Double.NaN, 0});
    }

    private static OptionalDouble opt(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
