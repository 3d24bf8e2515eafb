package io.mailstream.producer.api;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes to {@code mail.transactional}, keyed by routing key like campaign mail, with the idempotent
 * {@code acks=all} producer of {@link io.mailstream.producer.launch.KafkaClients}.
 */
public final class KafkaMessagePublisher implements MessagePublisher {
    private final Producer<String, byte[]> producer;
    private final AvroSerializer<MailMessage> serializer;

    public KafkaMessagePublisher(Producer<String, byte[]> producer, io.mailstream.schemas.registry.SchemaRegistry registry) {
        this.producer = producer;
        this.serializer = new AvroSerializer<>(registry, SpecificData.get().getSchema(MailMessage.class), false);
    }

    @Override
    public CompletableFuture<Void> publish(MailMessage message) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            byte[] value = serializer.serialize(Topics.TRANSACTIONAL, message);
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, message.getRoutingKey(), value), (meta, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
