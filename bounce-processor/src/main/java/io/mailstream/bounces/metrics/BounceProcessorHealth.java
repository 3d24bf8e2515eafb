package io.mailstream.bounces.metrics;

import io.mailstream.telemetry.HealthReport;
import io.mailstream.telemetry.ServiceHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The bounce processor's probes. Live unless Kafka Streams has failed for good (ERROR, or on its
 * way there). Ready when Streams is RUNNING or REBALANCING (a rebalance is routine and short)
 * and the SMTP receiver listens.
 */
public final class BounceProcessorHealth implements ServiceHealth {
    private final Supplier<KafkaStreams.State> streams;
    private final BooleanSupplier receiverListening;

    public BounceProcessorHealth(Supplier<KafkaStreams.State> streams, BooleanSupplier receiverListening) {
        this.streams = streams;
        this.receiverListening = receiverListening;
    }

    @Override
    public HealthReport liveness() {
        KafkaStreams.State s = streams.get();
        return new HealthReport(Map.of("streamsNotFailed", s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR),
                Map.of("streamsState", s.name()));
    }

    @Override
    public HealthReport readiness() {
        KafkaStreams.State s = streams.get();
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("streamsRunning", s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING);
        checks.put("receiverListening", receiverListening.getAsBoolean());
        return new HealthReport(checks, Map.of("streamsState", s.name()));
    }
}
