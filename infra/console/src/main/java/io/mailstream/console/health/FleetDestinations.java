package io.mailstream.console.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The destinations and warm-up schedules of several dispatchers merged into one view. Connections and their
 * maxima are summed (each dispatcher has its own pool); the rate in force is the lowest any dispatcher reports
 * (the adaptive state is shared through {@code mail.throttle-state}, so they should agree, and the lowest is the
 * one that holds mail back); the circuit counts the dispatchers where it is open; a warm-up schedule is configured
 * alike on every dispatcher, so the first answer is taken.
 */
public final class FleetDestinations {
    private final Map<String, DestinationLive> byName;
    private final List<WarmupLive> warmups;

    private FleetDestinations(Map<String, DestinationLive> byName, List<WarmupLive> warmups) {
        this.byName = byName;
        this.warmups = warmups;
    }

    public static FleetDestinations merge(List<DispatcherPools> dispatchers) {
        Map<String, DestinationLive> byName = new TreeMap<>();
        Map<String, WarmupLive> warmups = new TreeMap<>();
        for (DispatcherPools d : dispatchers) {
            for (DestinationLive l : d.destinations()) {
                byName.merge(l.destination(), l, FleetDestinations::plus);
            }
            for (WarmupLive w : d.warmups()) {
                warmups.putIfAbsent(w.schedule(), w);
            }
        }
        return new FleetDestinations(byName, new ArrayList<>(warmups.values()));
    }

    private static DestinationLive plus(DestinationLive a, DestinationLive b) {
        OptionalDouble rate = a.rateLimit().isEmpty() ? b.rateLimit() : b.rateLimit().isEmpty() ? a.rateLimit()
                : OptionalDouble.of(Math.min(a.rateLimit().getAsDouble(), b.rateLimit().getAsDouble()));
        return new DestinationLive(a.destination(), rate, a.open() + b.open(), a.max() + b.max(),
                a.circuitOpen() + b.circuitOpen(), a.reporting() + b.reporting());
    }

    /** Every merged destination, by name. */
    public List<DestinationLive> destinations() {
        return List.copyOf(byName.values());
    }

    public List<WarmupLive> warmups() {
        return List.copyOf(warmups);
    }

    /**
     * What the dispatchers publish for a recipient domain routed to {@code provider}: the domain itself (direct
     * routing, or a relay named like it), else its site's routing target {@code site:<provider>}, else a host named
     * like the provider (a smart host). MX hosts of a domain in direct mode are not matched: the console does not
     * resolve MX records.
     */
    public Optional<DestinationLive> forDomain(String domain, String provider) {
        for (String key : new String[] {domain, "site:" + provider, provider}) {
            DestinationLive l = key == null ? null : byName.get(key.toLowerCase(Locale.ROOT));
            if (l != null) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return byName.isEmpty() && warmups.isEmpty();
    }
}
