package io.mailstream.webhooks.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per endpoint (tag {@code endpoint}): events sent (2xx), failed (dead-lettered), retrying (events
 * of the batch being retried now), lag (records of its consumer group not yet read), skipped
 * (undecodable source records).
 */
public final class EndpointMetrics {
    private final Counter sent;
    private final Counter failed;
    private final Counter skipped;
    private final AtomicLong retrying = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();

    public EndpointMetrics(MeterRegistry registry, String endpoint) {
        sent = Counter.builder("mailstream.webhooks.events.sent").tag("endpoint", endpoint)
                .description("events the endpoint accepted (2xx)").register(registry);
        failed = Counter.builder("mailstream.webhooks.events.failed").tag("endpoint", endpoint)
                .description("events given up and written to the dead letters").register(registry);
        skipped = Counter.builder("mailstream.webhooks.records.skipped").tag("endpoint", endpoint)
                .description("source records that did not decode").register(registry);
        Gauge.builder("mailstream.webhooks.events.retrying", retrying, AtomicLong::get).tag("endpoint", endpoint)
                .description("events in the batch being retried").register(registry);
        Gauge.builder("mailstream.webhooks.lag", lag, AtomicLong::get).tag("endpoint", endpoint)
                .description("records of the endpoint's group not yet read").register(registry);
    }

    void sent(int n) {
        sent.increment(n);
    }

    void failed(int n) {
        failed.increment(n);
    }

    void skipped() {
        skipped.increment();
    }

    void retrying(int n) {
        retrying.set(n);
    }

    void lag(long n) {
        lag.set(n);
    }

    public long lag() {
        return lag.get();
    }

    public double sentCount() {
        return sent.count();
    }

    public double failedCount() {
        return failed.count();
    }
}
