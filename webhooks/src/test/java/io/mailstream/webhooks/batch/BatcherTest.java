package io.mailstream.webhooks.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.webhooks.config.BatchConfig;
import io.mailstream.webhooks.event.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    static WebhookEvent event(String id, int partition) {
        return new WebhookEvent(id, "delivered", T0, "m-" + id, null, "default", "a@example.com", Map.of(), "mail.delivery-events",
                partition, 0);
    }

    @Test
    void aBatchShouldBeFullAtMaxEventsAndKeepTheOrderEventsCameIn() {
        Batcher b = new Batcher(new BatchConfig(3, Duration.ofMinutes(1)));
        b.add(event("1", 0), T0);
        b.add(event("2", 0), T0);
        assertThat(b.full()).isFalse();
        assertThat(b.due(T0)).isFalse();
        b.add(event("3", 0), T0);
        assertThat(b.full()).isTrue();
        assertThat(b.due(T0)).isTrue();
        assertThat(b.drain()).extracting(WebhookEvent::id).containsExactly("1", "2", "3");
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void aBatchShouldBeDueOnceItsOldestEventWaitedMaxAge() {
        Batcher b = new Batcher(new BatchConfig(100, Duration.ofSeconds(2)));
        assertThat(b.due(T0)).isFalse();
        assertThat(b.untilDue(T0, Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(200));
        b.add(event("1", 0), T0);
        b.add(event("2", 0), T0.plusSeconds(1));
        assertThat(b.untilDue(T0.plusSeconds(1), Duration.ofMillis(200))).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.due(T0.plusMillis(1999))).isFalse();
        assertThat(b.due(T0.plusSeconds(2))).isTrue();
        b.drain();
        b.add(event("3", 0), T0.plusSeconds(10));
        assertThat(b.due(T0.plusSeconds(11))).as("the age counts from the oldest event of the new batch").isFalse();
    }

    @Test
    void eventsOfRevokedPartitionsShouldBeDroppable() {
        Batcher b = new Batcher(new BatchConfig(100, Duration.ofSeconds(2)));
        b.add(event("1", 0), T0);
        b.add(event("2", 1), T0);
        b.removeIf(e -> e.partition() == 1);
        assertThat(b.drain()).extracting(WebhookEvent::id).containsExactly("1");
    }
}
