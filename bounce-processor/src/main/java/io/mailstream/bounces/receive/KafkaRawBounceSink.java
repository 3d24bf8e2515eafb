package io.mailstream.bounces.receive;

import io.mailstream.avro.RawBounce;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes bounces to {@code mail.bounces.raw} and blocks until Kafka acknowledges them, so the
 * receiver answers 250 only for a bounce that will not be lost. The producer must be configured
 * with {@code acks=all}; this sink owns and closes it.
 *
 * <p>A bounce whose record would be larger than {@code maxRecordBytes} (what the topic and the
 * producer take) is shortened to fit ({@link BounceTruncation}) rather than refused: Kafka would
 * refuse it every time, and a 451 would make the sending MTA retry it until it gives up.
 */
public final class KafkaRawBounceSink implements RawBounceSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRawBounceSink.class);
    /** Room for the record batch's own fields, so the batch and not just the value fits. */
    private static final int BATCH_OVERHEAD = 1024;

    private final Producer<String, byte[]> producer;
    private final AvroSerde<RawBounce> serde;
    private final Duration ackTimeout;
    private final int maxRecordBytes;

    public KafkaRawBounceSink(Producer<String, byte[]> producer, AvroSerde<RawBounce> serde, Duration ackTimeout) {
        this(producer, serde, ackTimeout, ReceiverConfig.DEFAULT_MAX_RECORD_BYTES);
    }

    public KafkaRawBounceSink(Producer<String, byte[]> producer, AvroSerde<RawBounce> serde, Duration ackTimeout,
                              int maxRecordBytes) {
        this.producer = producer;
        this.serde = serde;
        this.ackTimeout = ackTimeout;
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    public void store(String key, RawBounce bounce) {
        try {
            byte[] value = serde.serializer().serialize(Topics.BOUNCES_RAW, bounce);
            int size = value.length + key.getBytes(StandardCharsets.UTF_8).length + BATCH_OVERHEAD;
            if (size > maxRecordBytes) {
                RawBounce shortened = BounceTruncation.shorten(bounce, size - maxRecordBytes);
                LOG.info("Bounce {} from {} is {} bytes, over the record limit of {}: stored its first part",
                        key, bounce.getRemoteAddress(), bounce.getMessage().remaining(), maxRecordBytes);
                value = serde.serializer().serialize(Topics.BOUNCES_RAW, shortened);
            }
            producer.send(new ProducerRecord<>(Topics.BOUNCES_RAW, key, value)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RawBounceSinkException(Topics.BOUNCES_RAW, key, e);
        } catch (ExecutionException e) {
            throw new RawBounceSinkException(Topics.BOUNCES_RAW, key, e.getCause());
        } catch (TimeoutException | RuntimeException e) {
            // RuntimeException: the registry (schema id lookup) or the producer refused before sending
            throw new RawBounceSinkException(Topics.BOUNCES_RAW, key, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
