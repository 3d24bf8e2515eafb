package io.mailstream.webhooks.event;

import io.mailstream.avro.GuardDecision;
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
 * The campaign guard's brakes ({@code mail.guard-decisions}, written once per campaign and mailbox provider
 * by the bounce processor): the campaign is held at that provider (or entirely) until an operator resumes it.
 * The record names no tenant, so these events carry the default tenant; filter them by campaign or type.
 */
public final class GuardDecisionSource implements EventSource {
    public static final String HELD = "campaign_guard_hold";
    private static final Set<String> TYPES = Set.of(HELD);

    private final AvroDeserializer<GuardDecision> decoder;

    public GuardDecisionSource(SchemaRegistry registry) {
        this.decoder = new AvroDeserializer<>(registry, GuardDecision.getClassSchema());
    }

    @Override
    public String topic() {
        return Topics.GUARD_DECISIONS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record) {
        GuardDecision d = decoder.deserialize(record.topic(), record.value());
        if (d == null) {
            return Optional.empty();
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("provider", d.getProvider());
        attributes.put("rule", d.getRule());
        attributes.put("rate", d.getRate());
        attributes.put("line", d.getLine());
        attributes.put("count", d.getCount());
        attributes.put("base", d.getBase());
        attributes.put("wholeCampaign", d.getWholeCampaign());
        // decided once per campaign and provider: the same decision read again (compaction, replay) is the same event
        String id = EventIds.of(record.topic(), d.getCampaignId(), d.getProvider(), d.getDecidedAt().toString());
        return Optional.of(new WebhookEvent(id, HELD, d.getDecidedAt(), null, d.getCampaignId(), TenantId.DEFAULT.asString(), null,
                attributes, record.topic(), record.partition(), record.offset()));
    }
}
