package io.mailstream.cli.bench;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Delivered messages per second per destination site over the timed part of a bench, busiest first:
 * what a site's receivers saw, so a run shows whether a provider's share (or its policy) set the pace.
 *
 * @param perSecond site name to delivered messages per second
 */
public record SiteRates(Map<String, Double> perSecond) {
    public SiteRates {
        perSecond = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perSecond));
    }

    /**
     * The delivered events stamped within [{@code from}, {@code to}), by the site {@code siteOfDomain}
     * gives the recipient's domain, divided by the window's length.
     */
    public static SiteRates of(Collection<DeliveryEvent> events, Instant from, Instant to, Function<String, String> siteOfDomain) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("the timed window must be positive, was " + from + " .. " + to);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (DeliveryEvent e : events) {
            Instant at = e.getTimestamp();
            if (e.getOutcome() != Outcome.DELIVERED || at.isBefore(from) || !at.isBefore(to)) {
                continue;
            }
            String recipient = e.getRecipient();
            String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            counts.merge(siteOfDomain.apply(domain), 1, Integer::sum);
        }
        return new SiteRates(counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue() / seconds, (a, b) -> a, LinkedHashMap::new)));
    }

    /** One JSON object, site to messages per second (one decimal). */
    public String toJson() {
        return perSecond.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "\"%s\":%.1f", e.getKey().replace("\"", ""), e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
