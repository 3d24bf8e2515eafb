package io.mailstream.producer.launch;

import java.time.Duration;
import java.util.Objects;

/**
 * Throughput and failure-detection settings of the Kafka producer used for a launch. Idempotence and
 * {@code acks=all} are not settings: a launch must neither lose nor duplicate events.
 *
 * @param batchSizeBytes   {@code batch.size}: per-partition batch; large batches are what make 100 k+ events/s
 * @param linger           {@code linger.ms}: how long a batch may wait to fill
 * @param compression      {@code compression.type}
 * @param bufferMemoryBytes {@code buffer.memory}: records waiting to be sent; send() blocks when full (back-pressure)
 * @param maxBlock         {@code max.block.ms}: how long send() waits for metadata or buffer space; bounds
 *                         how long an unreachable broker goes unnoticed
 * @param deliveryTimeout  {@code delivery.timeout.ms}: how long a record may take to be acknowledged, retries included
 * @param requestTimeout   {@code request.timeout.ms}: one request; must be below deliveryTimeout
 */
public record ProducerTuning(
        int batchSizeBytes,
        Duration linger,
        Compression compression,
        long bufferMemoryBytes,
        Duration maxBlock,
        Duration deliveryTimeout,
        Duration requestTimeout) {

    public static final ProducerTuning DEFAULTS = new ProducerTuning(
            256 * 1024, Duration.ofMillis(20), Compression.LZ4, 32L * 1024 * 1024,
            Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(30));

    public ProducerTuning {
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (batchSizeBytes < 1024) {
            throw new IllegalArgumentException("batch size must be at least 1024 bytes, was " + batchSizeBytes);
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("linger must not be negative, was " + linger);
        }
        if (bufferMemoryBytes < batchSizeBytes) {
            throw new IllegalArgumentException("buffer memory (" + bufferMemoryBytes
                    + " bytes) must hold at least one batch (" + batchSizeBytes + " bytes)");
        }
        requirePositive("max block", maxBlock);
        requirePositive("request timeout", requestTimeout);
        requirePositive("delivery timeout", deliveryTimeout);
        // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms at construction; say it here, by name.
        if (deliveryTimeout.compareTo(linger.plus(requestTimeout)) < 0) {
            throw new IllegalArgumentException("delivery timeout (" + deliveryTimeout
                    + ") must be at least linger + request timeout (" + linger.plus(requestTimeout) + ")");
        }
    }

    private static void requirePositive(String what, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** Same settings with other timeouts, e.g. short ones for a fail-fast smoke test. */
    public ProducerTuning withTimeouts(Duration newMaxBlock, Duration newDeliveryTimeout, Duration newRequestTimeout) {
        return new ProducerTuning(batchSizeBytes, linger, compression, bufferMemoryBytes,
                newMaxBlock, newDeliveryTimeout, newRequestTimeout);
    }
}
