package io.mailstream.webhooks.batch;

import io.mailstream.webhooks.config.BatchConfig;
import io.mailstream.webhooks.event.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Collects an endpoint's events into one request: the batch is {@link #full()} at {@code maxEvents} and
 * {@link #due(Instant)} once its oldest event waited {@code maxAge}. Events keep the order they were added in.
 */
public final class Batcher {
    private final BatchConfig config;
    private final List<WebhookEvent> events = new ArrayList<>();
    private Instant oldest;

    public Batcher(BatchConfig config) {
        this.config = config;
    }

    public void add(WebhookEvent event, Instant now) {
        if (events.isEmpty()) {
            oldest = now;
        }
        events.add(event);
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }

    public int size() {
        return events.size();
    }

    public boolean full() {
        return events.size() >= config.maxEvents();
    }

    public boolean due(Instant now) {
        return full() || (!events.isEmpty() && !now.isBefore(oldest.plus(config.maxAge())));
    }

    /** How long until {@link #due} at the latest; {@code idle} when empty. */
    public Duration untilDue(Instant now, Duration idle) {
        if (events.isEmpty()) {
            return idle;
        }
        Duration left = Duration.between(now, oldest.plus(config.maxAge()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The events, oldest first; the batcher is empty afterwards. */
    public List<WebhookEvent> drain() {
        List<WebhookEvent> out = List.copyOf(events);
        events.clear();
        oldest = null;
        return out;
    }

    /** Drops events (of partitions this instance no longer owns: their new owner sends them). */
    public void removeIf(Predicate<WebhookEvent> drop) {
        events.removeIf(drop);
        if (events.isEmpty()) {
            oldest = null;
        }
    }
}
