package io.mailstream.dispatcher.support;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.TopicContents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** What the dispatcher ITs read back from {@code mail.delivery-events}: the events of given messages. */
public final class DeliveryEventsTopic {
    private final String bootstrapServers;
    private final AvroSerde<DeliveryEvent> events;

    public DeliveryEventsTopic(String bootstrapServers, AvroSerde<DeliveryEvent> events) {
        this.bootstrapServers = bootstrapServers;
        this.events = events;
    }

    /** The events of {@code messages} so far, of one outcome, or of any if {@code outcome} is null. */
    public List<DeliveryEvent> of(List<MailMessage> messages, Outcome outcome) {
        Set<String> ids = messages.stream().map(MailMessage::getMessageId).collect(Collectors.toSet());
        List<DeliveryEvent> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicContents.readAll(bootstrapServers, Topics.DELIVERY_EVENTS)) {
            DeliveryEvent e = events.decode(r);
            if (ids.contains(e.getMessageId()) && (outcome == null || e.getOutcome() == outcome)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Terminal events (all but DEFERRED) per message id, for "exactly one each" assertions. */
    public Map<String, Long> terminalPerMessage(List<MailMessage> messages) {
        Map<String, Long> counts = new HashMap<>();
        for (DeliveryEvent e : of(messages, null)) {
            if (e.getOutcome() != Outcome.DEFERRED) {
                counts.merge(e.getMessageId(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** A plain bytes producer for publishing test records. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }
}
