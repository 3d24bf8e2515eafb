package io.mailstream.producer.metrics;

import com.sun.net.httpserver.HttpHandler;
import io.mailstream.producer.api.MessagePublisher;
import io.mailstream.telemetry.HealthReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The transactional API's meters and health. Wraps the HTTP handler (requests by method and
 * status) and the publisher (messages accepted, publish failures); readiness is "listening,
 * following delivery events, and no publish has failed in the last {@link #FAILURE_COOL_OFF}
 * without a success since", so a load balancer steers clients away from an instance whose
 * producer cannot reach Kafka, and back once the cool-off has passed (or a publish succeeded).
 */
public final class ApiMetrics {
    public static final String REQUESTS = "mailstream.api.requests";
    public static final String ACCEPTED = "mailstream.api.messages.accepted";
    public static final String PUBLISH_FAILURES = "mailstream.api.publish.failures";
    public static final Duration FAILURE_COOL_OFF = Duration.ofSeconds(30);

    private final MeterRegistry registry;
    private final Clock clock;
    private MeteredPublisher publisher;

    public ApiMetrics(MeterRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Meters that go nowhere. */
    public static ApiMetrics none(Clock clock) {
        return new ApiMetrics(new CompositeMeterRegistry(), clock);
    }

    public HttpHandler instrument(HttpHandler handler) {
        return new MeteredHandler(handler, registry);
    }

    /** Wraps the API's one publisher; call once. */
    public MessagePublisher instrument(MessagePublisher delegate) {
        if (publisher != null) {
            throw new IllegalStateException("the API's publisher is already instrumented");
        }
        publisher = new MeteredPublisher(delegate,
                Counter.builder(ACCEPTED).description("Transactional messages acknowledged by Kafka").register(registry),
                Counter.builder(PUBLISH_FAILURES).description("Transactional messages Kafka did not acknowledge").register(registry),
                clock);
        return publisher;
    }

    /** Readiness from the server's own state and the publisher's recent failures. */
    public HealthReport readiness(BooleanSupplier listening, BooleanSupplier followingEvents) {
        Instant failed = publisher == null ? null : publisher.lastFailureSinceSuccess();
        boolean producerOk = failed == null || !clock.instant().isBefore(failed.plus(FAILURE_COOL_OFF));
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("listening", listening.getAsBoolean());
        checks.put("followingDeliveryEvents", followingEvents.getAsBoolean());
        checks.put("producerNotFailing", producerOk);
        return new HealthReport(checks, failed == null ? Map.of() : Map.of("lastPublishFailure", failed.toString()));
    }
}
