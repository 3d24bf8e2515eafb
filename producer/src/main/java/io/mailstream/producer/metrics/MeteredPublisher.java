package io.mailstream.producer.metrics;

import io.mailstream.avro.MailMessage;
import io.mailstream.producer.api.MessagePublisher;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Counts what the API publishes to {@code mail.transactional}: messages Kafka acknowledged
 * ({@value ApiMetrics#ACCEPTED}) and publishes that failed ({@value ApiMetrics#PUBLISH_FAILURES}),
 * and remembers when the latest failure happened and whether a success came after it (readiness).
 */
final class MeteredPublisher implements MessagePublisher {
    private final MessagePublisher delegate;
    private final Counter accepted;
    private final Counter failed;
    private final Clock clock;
    private volatile Instant lastFailure;

    MeteredPublisher(MessagePublisher delegate, Counter accepted, Counter failed, Clock clock) {
        this.delegate = delegate;
        this.accepted = accepted;
        this.failed = failed;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> publish(MailMessage message) {
        return delegate.publish(message).whenComplete((ok, error) -> {
            if (error == null) {
                accepted.increment();
                lastFailure = null;
            } else {
                failed.increment();
                lastFailure = clock.instant();
            }
        });
    }

    /** When the latest publish failed, if no publish succeeded since. */
    Instant lastFailureSinceSuccess() {
        return lastFailure;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
