package io.mailstream.cli.bench;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether each capped site's policy held in a bench ({@code bench delivery --site-cap SITE=N}): the
 * site's delivered rate over the timed window, and the most deliveries in any one-second window, as
 * the receiving sink saw them (arrival at the end of DATA) or, for an external receiver, as the
 * delivery events are stamped. Either is later than the permit's grant by the transaction's time, so a
 * second's count jitters by the spread of transaction times (and by pauses of a loaded machine): the
 * peak may pass the cap by {@value #TOLERANCE_PERCENT} % before the cap counts as broken; the rate may
 * not pass it at all.
 */
public final class SiteCaps {
    static final int TOLERANCE_PERCENT = 10;

    /** One capped site: its cap, delivered msg/s over the window, the most in any second, and whether the cap held. */
    public record Check(String site, int cap, double rate, int peakInOneSecond) {
        public boolean holds() {
            return rate <= cap && peakInOneSecond <= Math.ceil(cap * (100 + TOLERANCE_PERCENT) / 100.0);
        }

        String describe() {
            return String.format(Locale.ROOT, "cap %,d/s: %,.1f msg/s, at most %,d in any second: %s", cap, rate, peakInOneSecond,
                    holds() ? "holds" : "BROKEN");
        }

        String toJson() {
            return String.format(Locale.ROOT, "{\"site\":\"%s\",\"cap\":%d,\"messagesPerSecond\":%.1f,\"peakInOneSecond\":%d,\"holds\":%b}",
                    site.replace("\"", ""), cap, rate, peakInOneSecond, holds());
        }
    }

    private SiteCaps() {
    }

    /**
     * The delivered events stamped within [{@code from}, {@code to}) of each site in {@code caps}
     * (site of the recipient's domain by {@code siteOfDomain}), checked against its cap.
     */
    public static List<Check> check(Collection<DeliveryEvent> events, Instant from, Instant to, Function<String, String> siteOfDomain,
                                    Map<String, Integer> caps) {
        List<Arrival> delivered = events.stream().filter(e -> e.getOutcome() == Outcome.DELIVERED)
                .map(e -> new Arrival(e.getRecipient(), e.getTimestamp())).toList();
        return checkArrivals(delivered, from, to, siteOfDomain, caps);
    }

    /** One message as the receiving sink saw it: its recipient and when its DATA was accepted. */
    public record Arrival(String recipient, Instant at) {
    }

    /**
     * As {@link #check}, from what the receiving sink recorded (arrival at the end of DATA), which is
     * closer to what a provider counts than the delivery events' stamps.
     */
    public static List<Check> checkArrivals(Collection<Arrival> arrivals, Instant from, Instant to,
                                            Function<String, String> siteOfDomain, Map<String, Integer> caps) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the timed window must be positive, was " + from + " .. " + to);
        }
        Map<String, List<Long>> times = new HashMap<>();
        for (Arrival a : arrivals) {
            Instant at = a.at();
            if (at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            String recipient = a.recipient();
            String site = siteOfDomain.apply(recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT));
            if (caps.containsKey(site)) {
                times.computeIfAbsent(site, s -> new ArrayList<>()).add(Duration.between(from, at).toNanos());
            }
        }
        List<Check> out = new ArrayList<>();
        caps.forEach((site, cap) -> {
            List<Long> t = times.getOrDefault(site, List.of()).stream().sorted().toList();
            out.add(new Check(site, cap, t.size() / seconds, peak(t)));
        });
        return out;
    }

    /** The most timestamps (sorted, ns) inside any half-open window of one second. */
    static int peak(List<Long> sorted) {
        int best = 0;
        int i = 0;
        for (int j = 0; j < sorted.size(); j++) {
            while (sorted.get(j) - sorted.get(i) >= 1_000_000_000L) {
                i++;
            }
            best = Math.max(best, j - i + 1);
        }
        return best;
    }

    static String toJson(List<Check> checks) {
        return checks.stream().map(Check::toJson).collect(Collectors.joining(",", "[", "]"));
    }
}
