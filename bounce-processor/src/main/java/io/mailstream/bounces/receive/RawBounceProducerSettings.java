package io.mailstream.bounces.receive;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings behind a {@link KafkaRawBounceSink}, shared by the SMTP receiver and the
 * mailbox ingestion: a bounce counts as stored only when every in-sync replica has it, and the
 * producer gives up within the ack timeout rather than retrying past it.
 */
public final class RawBounceProducerSettings {
    private RawBounceProducerSettings() {
    }

    public static Properties of(String clientId, Duration ackTimeout, int maxRecordBytes) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // the sink keeps each record within maxRecordBytes; the producer must not refuse less
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, maxRecordBytes + 64 * 1024));
        long timeoutMs = ackTimeout.toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs, 1000));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(Math.min(timeoutMs, 30_000), 1000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(timeoutMs, 1000));
        return p;
    }
}
