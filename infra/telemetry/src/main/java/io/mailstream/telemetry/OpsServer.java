package io.mailstream.telemetry;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A running operations endpoint of one service ({@code /metrics}, {@code /health/live},
 * {@code /health/ready}). The service registers its meters in {@link #registry()} while it starts
 * and hands over its {@link ServiceHealth} once it exists; until then the endpoint answers
 * "not ready" (and live, since the process is starting).
 */
public interface OpsServer extends AutoCloseable {

    /** Where the service registers its meters; exposed on {@code /metrics}. */
    MeterRegistry registry();

    /** From now on the probes ask {@code health}. */
    void serveHealth(ServiceHealth health);

    /** The port bound, or -1 when the endpoint is disabled. */
    int port();

    @Override
    void close();
}
