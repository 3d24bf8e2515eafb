package io.mailstream.dispatcher.metrics;

import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;

/**
 * How many partitions the group consumer owns, read from its {@code assigned-partitions} client
 * metric: the consumer itself may only be called from its polling thread, its metrics from any.
 * -1 when the metric is not there (a mock consumer, or before the consumer joined).
 */
public final class AssignedPartitions implements IntSupplier {
    private final Consumer<?, ?> consumer;

    public AssignedPartitions(Consumer<?, ?> consumer) {
        this.consumer = consumer;
    }

    @Override
    public int getAsInt() {
        try {
            for (Metric m : consumer.metrics().values()) {
                if ("assigned-partitions".equals(m.metricName().name()) && m.metricValue() instanceof Number n) {
                    return n.intValue();
                }
            }
        } catch (RuntimeException e) {
            return -1; // closed
        }
        return -1;
    }
}
