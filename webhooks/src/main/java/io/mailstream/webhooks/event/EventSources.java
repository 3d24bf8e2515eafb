package io.mailstream.webhooks.event;

import io.mailstream.schemas.registry.SchemaRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The sources the webhooks read, by topic. */
public record EventSources(List<EventSource> all) {
    public EventSources {
        all = List.copyOf(all);
        Set<String> types = new HashSet<>();
        for (EventSource s : all) {
            for (String t : s.types()) {
                if (!types.add(t)) {
                    throw new IllegalArgumentException("event type '" + t + "' is produced by two sources: types must be unique");
                }
            }
        }
    }

    /**
     * Delivery outcomes, suppressions (bounces, complaints, unsubscribes), clicks and opens, and the campaign
     * guard's holds. Add new sources here.
     */
    public static EventSources defaults(SchemaRegistry registry) {
        return new EventSources(List.of(new DeliveryEventSource(registry), new SuppressionEventSource(registry),
                new EngagementEventSource(registry), new GuardDecisionSource(registry)));
    }

    /** Every type any source produces: what configuration filters may name. */
    public Set<String> types() {
        return all.stream().flatMap(s -> s.types().stream()).collect(Collectors.toUnmodifiableSet());
    }

    public Map<String, EventSource> byTopic() {
        return all.stream().collect(Collectors.toUnmodifiableMap(EventSource::topic, Function.identity()));
    }
}
