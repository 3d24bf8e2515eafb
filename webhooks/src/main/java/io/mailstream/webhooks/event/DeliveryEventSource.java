package io.mailstream.webhooks.event;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroDeserializer;
import io.mailstream.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import io.mailstream.avro.Outcome;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Outcomes of delivery attempts ({@code mail.delivery-events}): one event per attempt, type = the
 * outcome in lower case ({@code delivered}, {@code deferred}, {@code bounced} ...). Keyed by message
 * id in the topic, so every event of one message is in one partition, read in order.
 */
public final class DeliveryEventSource implements EventSource {
    private static final Set<String> TYPES = Stream.of(Outcome.values()).map(DeliveryEventSource::type)
            .collect(Collectors.toUnmodifiableSet());

    private final AvroDeserializer<DeliveryEvent> decoder;

    public DeliveryEventSource(SchemaRegistry registry) {
        this.decoder = new AvroDeserializer<>(registry, DeliveryEvent.getClassSchema());
    }

    @Override
    public String topic() {
        return Topics.DELIVERY_EVENTS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record) {
        DeliveryEvent e = decoder.deserialize(record.topic(), record.value());
        if (e == null) {
            return Optional.empty();
        }
        String type = type(e.getOutcome());
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("attempt", e.getAttempt());
        attributes.put("smtpReplyCode", e.getSmtpReplyCode());
        attributes.put("enhancedStatusCode", e.getEnhancedStatusCode());
        attributes.put("replyText", e.getReplyText());
        attributes.put("remoteHost", e.getRemoteHost());
        attributes.put("sendingIp", e.getSendingIp());
        // a dispatcher that crashed before its commit writes the same outcome of the same attempt again: same id
        String id = EventIds.of(topic(), e.getMessageId(), type, Integer.toString(e.getAttempt()));
        return Optional.of(new WebhookEvent(id, type, e.getTimestamp(), e.getMessageId(),
                e.getCampaignId(), TenantId.ofRecord(e.getTenant()).asString(), e.getRecipient(), attributes,
                record.topic(), record.partition(), record.offset()));
    }

    static String type(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
