package io.mailstream.webhooks.event;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroDeserializer;
import io.mailstream.schemas.topics.Topics;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Addresses suppressed ({@code mail.suppressions}): bounces classified from DSNs (also those that arrive
 * after a relay accepted the mail), complaints (ARF), unsubscribes and manual entries. A record holds
 * every source that suppresses the address; the event describes the newest part (the one this record
 * added). Lifts (tombstones) are no event. A record names an address; when the bounce processor wrote
 * it for a message it knew (a DSN at the message's signed return path, also after a relay accepted the
 * mail; the dispatcher's bounce; a tied complaint or unsubscribe), it names that message and campaign
 * ({@code Suppression.messageId}, {@code campaignId}) and that message's tenant ({@code Suppression.tenant}), and
 * so does the event. Operators' entries, expiries and records from before those fields name none (and carry the
 * default tenant).
 */
public final class SuppressionEventSource implements EventSource {
    public static final String BOUNCE = "bounce";
    public static final String COMPLAINT = "complaint";
    public static final String UNSUBSCRIBE = "unsubscribe";
    public static final String MANUAL = "manual_suppression";
    private static final Set<String> TYPES = Set.of(BOUNCE, COMPLAINT, UNSUBSCRIBE, MANUAL);

    private final AvroDeserializer<Suppression> decoder;

    public SuppressionEventSource(SchemaRegistry registry) {
        this.decoder = new AvroDeserializer<>(registry, Suppression.getClassSchema());
    }

    @Override
    public String topic() {
        return Topics.SUPPRESSIONS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record) {
        Suppression s = decoder.deserialize(record.topic(), record.value());
        if (s == null) {
            return Optional.empty();
        }
        SuppressionPart newest = s.getParts().stream().max(Comparator.comparing(SuppressionPart::getLastSeen)).orElse(null);
        SuppressionSource source = newest == null ? s.getSource() : newest.getSource();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", newest == null ? s.getReason() : newest.getReason());
        attributes.put("count", newest == null ? s.getCount() : newest.getCount());
        Instant expires = newest == null ? s.getExpiresAt() : newest.getExpiresAt();
        attributes.put("expiresAt", expires == null ? null : expires.toString());
        attributes.put("scope", newest == null ? null : newest.getScope());
        if (source == SuppressionSource.BOUNCE) {
            // a bounce part that ends is a soft-bounce window: the threshold of soft bounces was reached
            attributes.put("soft", expires != null);
        }
        Instant seen = newest == null ? s.getLastSeen() : newest.getLastSeen();
        // a compacted topic's offsets are never reused: the position identifies this change of the address
        String id = EventIds.of(record.topic(), Integer.toString(record.partition()), Long.toString(record.offset()));
        return Optional.of(new WebhookEvent(id, type(source), seen, s.getMessageId(), s.getCampaignId(), TenantId.ofRecord(s.getTenant()).asString(), s.getAddress(),
                attributes, record.topic(), record.partition(), record.offset()));
    }

    static String type(SuppressionSource source) {
        return switch (source) {
            case BOUNCE -> BOUNCE;
            case COMPLAINT -> COMPLAINT;
            case UNSUBSCRIBE -> UNSUBSCRIBE;
            case MANUAL -> MANUAL;
        };
    }
}
