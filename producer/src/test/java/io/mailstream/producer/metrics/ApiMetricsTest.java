package io.mailstream.producer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.MailMessage;
import io.mailstream.producer.api.MessagePublisher;
import io.mailstream.testkit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ApiMetrics metrics = new ApiMetrics(registry, clock);
    private final AtomicBoolean fail = new AtomicBoolean();

    @Test
    void publishesShouldBeCountedAndAFailureMakeTheApiUnreadyForTheCoolOff() {
        MessagePublisher publisher = metrics.instrument(new Fake());
        publisher.publish(null);
        publisher.publish(null);
        assertThat(registry.get(ApiMetrics.ACCEPTED).counter().count()).isEqualTo(2.0);
        assertThat(ready()).isTrue();

        fail.set(true);
        publisher.publish(null);
        assertThat(registry.get(ApiMetrics.PUBLISH_FAILURES).counter().count()).isEqualTo(1.0);
        assertThat(ready()).isFalse();
        assertThat(metrics.readiness(() -> true, () -> true).details()).containsKey("lastPublishFailure");

        clock.advance(ApiMetrics.FAILURE_COOL_OFF.minusSeconds(1));
        assertThat(ready()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(ready()).as("after the cool-off").isTrue();
    }

    @Test
    void aSuccessAfterAFailureShouldMakeTheApiReadyAtOnce() {
        MessagePublisher publisher = metrics.instrument(new Fake());
        fail.set(true);
        publisher.publish(null);
        assertThat(ready()).isFalse();
        fail.set(false);
        publisher.publish(null);
        assertThat(ready()).isTrue();
    }

    @Test
    void readinessShouldNeedListeningAndFollowingEvents() {
        assertThat(metrics.readiness(() -> false, () -> true).up()).isFalse();
        assertThat(metrics.readiness(() -> true, () -> false).checks()).containsEntry("followingDeliveryEvents", false);
        assertThat(metrics.readiness(() -> true, () -> true).up()).isTrue();
    }

    @Test
    void thePublisherShouldBeInstrumentedOnce() {
        metrics.instrument(new Fake());
        assertThatThrownBy(() -> metrics.instrument(new Fake())).isInstanceOf(IllegalStateException.class);
    }

    private boolean ready() {
        return metrics.readiness(() -> true, () -> true).up();
    }

    private final class Fake implements MessagePublisher {
        @Override
        public CompletableFuture<Void> publish(MailMessage message) {
            return fail.get() ? CompletableFuture.failedFuture(new IllegalStateException("broker down"))
                    : CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
