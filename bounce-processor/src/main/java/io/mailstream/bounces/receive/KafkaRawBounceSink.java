package io.mailstream.bounces.receive;

import io.mailstream.avro.RawBounce;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes bounces to {@code mail.bounces.raw} and blocks until Kafka acknowledges them, so the
 * receiver answers 250 only for a bounce that will not be lost. The producer must be configured
 * with {@code acks=all}; this sink owns and closes it.
 */
public final class KafkaRawBounceSink implements RawBounceSink, AutoCloseable {
    private final Producer<String, byte[]> producer;
    private final AvroSerde<RawBounce> serde;
    private final Duration ackTimeout;

    public KafkaRawBounceSink(Producer<String, byte[]> producer, AvroSerde<RawBounce> serde, Duration ackTimeout) {
        this.producer = producer;
        this.serde = serde;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public void store(String key, RawBounce bounce) {
        try {
            byte[] value = serde.serializer().serialize(Topics.BOUNCES_RAW, bounce);
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
