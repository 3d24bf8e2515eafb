package io.mailstream.telemetry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One probe's answer (liveness or readiness): up when every named check is up. The checks are
 * shown to operators as they are, so name them for what they mean ({@code partitionsAssigned},
 * {@code streamsState}) and keep their values short.
 *
 * @param checks check name to whether it passes, in the order they should be shown
 * @param details extra facts worth showing next to the checks (a state name, a count); never decide "up"
 */
public record HealthReport(Map<String, Boolean> checks, Map<String, String> details) {
    public HealthReport {
        Objects.requireNonNull(checks, "checks");
        Objects.requireNonNull(details, "details");
        checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static HealthReport of(Map<String, Boolean> checks) {
        return new HealthReport(checks, Map.of());
    }

    public boolean up() {
        return checks.values().stream().allMatch(Boolean::booleanValue);
    }
}
