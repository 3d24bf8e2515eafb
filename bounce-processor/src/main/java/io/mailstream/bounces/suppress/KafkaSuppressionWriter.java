package io.mailstream.bounces.suppress;

import io.mailstream.avro.Suppression;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.mailstream.schemas.kafka.KafkaConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link SuppressionWriter} for a long-running service (the REST API): one idempotent
 * producer ({@code acks=all}) for all writes, keyed like {@code mailstream suppress add|remove}.
 */
public final class KafkaSuppressionWriter implements SuppressionWriter, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<Suppression> serde;
    private final Duration timeout;

    public KafkaSuppressionWriter(KafkaConnection kafka, String clientId, AvroSerde<Suppression> serde, Duration timeout) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 1000));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(Math.min(timeout.toMillis(), 30_000), 1000));
        this.producer = new KafkaProducer<>(kafka.merge(p), new StringSerializer(), new ByteArraySerializer());
        this.serde = serde;
        this.timeout = timeout;
    }

    @Override
    public void put(Suppression s) {
        send(EmailAddress.parse(s.getAddress()).normalized(), serde.serializer().serialize(Topics.SUPPRESSIONS, s));
    }

    @Override
    public void remove(EmailAddress address) {
        send(address.normalized(), null);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, key, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SuppressionTopicException(key, e);
        } catch (ExecutionException e) {
            throw new SuppressionTopicException(key, e.getCause());
        } catch (TimeoutException | org.apache.kafka.common.KafkaException e) {
            throw new SuppressionTopicException(key, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
