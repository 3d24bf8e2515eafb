package io.mailstream.console.health;

import io.mailstream.console.state.DestinationNames;
import java.util.ArrayList;
import java.util.List;
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
     * What the dispatchers publish for a recipient domain, as one destination: the first of its routing targets
     * any dispatcher publishes (the domain, its provider's site, its MX hosts' provider site or MX rollup site) gives
     * the rate in force, and the hosts its mail is handed to (its MX hosts, a relay or smart host) that are published
     * add their connections and breakers. Connections and maxima are summed over the names found; the breakers and
     * the dispatchers reporting are the most of any of them. Named after every name found, joined by {@code " + "}.
     */
    public Optional<DestinationLive> forDomain(DestinationNames names) {
        List<DestinationLive> found = new ArrayList<>();
        names.targets().stream().map(byName::get).filter(java.util.Objects::nonNull).findFirst().ifPresent(found::add);
        for (String host : names.hosts()) {
            DestinationLive l = byName.get(host);
            if (l != null && !found.contains(l)) {
                found.add(l);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble rate = found.stream().filter(l -> l.rateLimit().isPresent())
                .mapToDouble(l -> l.rateLimit().getAsDouble()).findFirst();
        return Optional.of(new DestinationLive(String.join(" + ", found.stream().map(DestinationLive::destination).toList()),
                rate, found.stream().mapToDouble(DestinationLive::open).sum(), found.stream().mapToDouble(DestinationLive::max).sum(),
                found.stream().mapToInt(DestinationLive::circuitOpen).max().orElse(0),
                found.stream().mapToInt(DestinationLive::reporting).max().orElse(0)));
    }

    public boolean isEmpty() {
        return byName.isEmpty() && warmups.isEmpty();
    }
}
