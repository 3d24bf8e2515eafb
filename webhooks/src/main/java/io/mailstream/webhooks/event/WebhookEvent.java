package io.mailstream.webhooks.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event as receivers see it (one element of the posted JSON array).
 *
 * @param id         stable across redeliveries: receivers de-duplicate on it ({@link EventIds})
 * @param type       e.g. {@code delivered}, {@code bounced}, {@code complaint}; the filter matches on it
 * @param messageId  null for events about an address rather than a message (suppressions)
 * @param campaignId null for transactional mail and suppressions
 * @param tenant     never null: {@code default} for records without one
 * @param attributes the type's own facts (SMTP reply, reason ...), in a fixed order; no null values
 * @param topic      where the event was read (not posted; dead letters carry it)
 */
public record WebhookEvent(String id, String type, Instant occurredAt, String messageId, String campaignId, String tenant,
                           String recipient, Map<String, Object> attributes, String topic, int partition, long offset) {
    public WebhookEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(topic, "topic");
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        attributes = Collections.unmodifiableMap(copy);
    }
}
