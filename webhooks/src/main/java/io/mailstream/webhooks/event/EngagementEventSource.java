package io.mailstream.webhooks.event;

import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.EngagementKind;
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
 * Clicks and opens ({@code mail.engagement}, written by the tracking endpoint). Machine requests (privacy
 * proxies, scanners) are posted too, flagged {@code machine: true}, so a receiver can count people only.
 * Only the coarse client and address classes go out; the tracking service keeps no more unless configured to.
 */
public final class EngagementEventSource implements EventSource {
    public static final String CLICKED = "clicked";
    public static final String OPENED = "opened";
    private static final Set<String> TYPES = Set.of(CLICKED, OPENED);

    private final AvroDeserializer<EngagementEvent> decoder;

    public EngagementEventSource(SchemaRegistry registry) {
        this.decoder = new AvroDeserializer<>(registry, EngagementEvent.getClassSchema());
    }

    @Override
    public String topic() {
        return Topics.ENGAGEMENT;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record) {
        EngagementEvent e = decoder.deserialize(record.topic(), record.value());
        if (e == null) {
            return Optional.empty();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("url", e.getUrl());
        attributes.put("linkIndex", e.getLinkIndex());
        attributes.put("machine", e.getMachine());
        attributes.put("machineReason", e.getMachineReason());
        attributes.put("clientClass", e.getClientClass());
        attributes.put("ipClass", e.getIpClass());
        // the tracking endpoint gives every request its own id: a producer retry repeats it, a second click does not
        String id = EventIds.of(record.topic(), e.getEventId());
        return Optional.of(new WebhookEvent(id, e.getKind() == EngagementKind.CLICKED ? CLICKED : OPENED, e.getTimestamp(),
                e.getMessageId(), e.getCampaignId(), TenantId.ofRecord(e.getTenant()).asString(), null, attributes,
                record.topic(), record.partition(), record.offset()));
    }
}
