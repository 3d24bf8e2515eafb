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
        // a type may come from two sources (a bounce: an address suppressed, or a soft DSN of a message), a topic from one
        Set<String> topics = new HashSet<>();
        for (EventSource s : all) {
            if (!topics.add(s.topic())) {
                throw new IllegalArgumentException("topic '" + s.topic() + "' is read by two sources: topics must be unique");
            }
        }
    }

    /**
     * Delivery outcomes, suppressions (bounces, complaints, unsubscribes), soft bounces and delays received as
     * DSNs, clicks and opens, and the campaign guard's holds. Add new sources here.
     */
    public static EventSources defaults(SchemaRegistry registry) {
        return new EventSources(List.of(new DeliveryEventSource(registry), new SuppressionEventSource(registry),
                new ReceivedBounceSource(registry), new EngagementEventSource(registry), new GuardDecisionSource(registry)));
    }

    /** Every type any source produces: what configuration filters may name. */
    public Set<String> types() {
        return all.stream().flatMap(s -> s.types().stream()).collect(Collectors.toUnmodifiableSet());
    }

    public Map<String, EventSource> byTopic() {
        return all.stream().collect(Collectors.toUnmodifiableMap(EventSource::topic, Function.identity()));
    }
}
