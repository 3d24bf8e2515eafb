package io.mailstream.webhooks.event;

import io.mailstream.avro.ReceivedAction;
import io.mailstream.avro.ReceivedBounce;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroDeserializer;
import io.mailstream.schemas.topics.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * DSNs the bounce processor tied to their message ({@code mail.received-bounces}, keyed by message id):
 * a soft bounce ({@code bounce} with {@code soft: true}) and a delay notice ({@code delayed}), also after a
 * relay accepted the mail. A DSN that suppressed its address is not posted from here: a hard bounce always does,
 * a soft one does when it reaches the soft-bounce threshold, a low-confidence hard one when an earlier bounce
 * confirms it ({@code ReceivedBounce.suppressed}, set by the bounce processor's suppression step), and that
 * suppression is posted as the {@code bounce} of the message ({@link SuppressionEventSource}, with the same
 * message and campaign), so every DSN is one event, not two. The tenant is the message's, as its delivery
 * events name it ({@code ReceivedBounce.tenant}; the default one for records written before the field).
 */
public final class ReceivedBounceSource implements EventSource {
    public static final String BOUNCE = SuppressionEventSource.BOUNCE;
    public static final String DELAYED = "delayed";
    private static final Set<String> TYPES = Set.of(BOUNCE, DELAYED);

    private final AvroDeserializer<ReceivedBounce> decoder;

    public ReceivedBounceSource(SchemaRegistry registry) {
        this.decoder = new AvroDeserializer<>(registry, ReceivedBounce.getClassSchema());
    }

    @Override
    public String topic() {
        return Topics.RECEIVED_BOUNCES;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record) {
        ReceivedBounce b = decoder.deserialize(record.topic(), record.value());
        if (b == null || b.getAction() == ReceivedAction.FAILED && (b.getHard() || b.getSuppressed())) {
            return Optional.empty();
        }
        String type = b.getAction() == ReceivedAction.DELAYED ? DELAYED : BOUNCE;
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", b.getReason());
        if (type.equals(BOUNCE)) {
            attributes.put("soft", true);
            attributes.put("class", b.getBounceClass());
        }
        attributes.put("status", b.getStatus());
        attributes.put("replyText", b.getReplyText());
        attributes.put("provider", b.getProvider());
        // the same DSN written again (the bounce processor's at-least-once, a replay) is the same event;
        // another DSN of the message (a second delay notice, say) is received at another time
        String id = EventIds.of(record.topic(), b.getMessageId(), type, b.getRecipient(), b.getReason(),
                Long.toString(b.getReceivedAt().toEpochMilli()));
        return Optional.of(new WebhookEvent(id, type, b.getReceivedAt(), b.getMessageId(), b.getCampaignId(),
                TenantId.ofRecord(b.getTenant()).asString(), b.getRecipient(), attributes, record.topic(), record.partition(), record.offset()));
    }
}
