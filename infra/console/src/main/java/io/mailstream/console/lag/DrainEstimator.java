package io.mailstream.console.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns successive lag readings into each group's readiness and drain ETA: the rate is how far its
 * committed positions moved over the last {@link #WINDOW} (at least two readings), the ETA its lag
 * at that rate. Keeps a few readings per group, nothing per record. Thread-safe.
 */
public final class DrainEstimator {
    public static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Map<String, String> SERVICES = Map.of(
            "mailstream-dispatcher", "dispatchers",
            "mailstream-bounce-processor", "bounce processor",
            "mailstream-api-status", "API (status store)");

    private record Reading(Instant at, long committed) {
    }

    private final Clock clock;
    private final Map<String, Deque<Reading>> readings = new HashMap<>();

    public DrainEstimator(Clock clock) {
        this.clock = clock;
    }

    /** The service a mailstream group belongs to, by the services' default group names; else the group itself. */
    public static String serviceOf(String group) {
        if (SERVICES.containsKey(group)) {
            return SERVICES.get(group);
        }
        return group.startsWith("mailstream-webhooks-") ? "webhooks (" + group.substring("mailstream-webhooks-".length()) + ")" : group;
    }

    /** The groups' health now, after adding {@code rows} as a reading; sorted by group. */
    public synchronized List<GroupHealth> observe(List<LagRow> rows) {
        Instant now = clock.instant();
        Map<String, List<LagRow>> byGroup = new TreeMap<>();
        rows.forEach(r -> byGroup.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r));
        readings.keySet().retainAll(byGroup.keySet());
        List<GroupHealth> out = new ArrayList<>();
        byGroup.forEach((group, list) -> out.add(health(group, list, now)));
        return out;
    }

    private GroupHealth health(String group, List<LagRow> rows, Instant now) {
        long committed = rows.stream().mapToLong(r -> r.committed().orElse(0)).sum();
        long lag = rows.stream().mapToLong(LagRow::lag).sum();
        Set<String> members = new HashSet<>();
        int unowned = 0;
        for (LagRow r : rows) {
            if (r.owner().isPresent()) {
                members.add(r.owner().get());
            } else {
                unowned++;
            }
        }
        Deque<Reading> history = readings.computeIfAbsent(group, k -> new ArrayDeque<>());
        history.addLast(new Reading(now, committed));
        while (history.size() > 2 && history.peekFirst().at().isBefore(now.minus(WINDOW))) {
            history.removeFirst();
        }
        Optional<Double> rate = Optional.empty();
        Reading first = history.peekFirst();
        long millis = Duration.between(first.at(), now).toMillis();
        if (history.size() >= 2 && millis > 0) {
            rate = Optional.of(Math.max(0, committed - first.committed()) * 1000.0 / millis);
        }
        Optional<Duration> eta = lag == 0 ? Optional.of(Duration.ZERO)
                : rate.filter(r -> r > 0).map(r -> Duration.ofSeconds((long) Math.ceil(lag / r)));
        return new GroupHealth(group, serviceOf(group), members.size(), rows.size(), unowned, lag, rate, eta);
    }
}
