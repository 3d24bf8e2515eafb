package io.mailstream.webhooks.event;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One topic the webhooks read, and how its records become {@link WebhookEvent}s. Adding a source
 * (engagement events, guard decisions) is one implementation added to {@link EventSources#defaults}.
 */
public interface EventSource {
    /** The topic read. */
    String topic();

    /** Every event type this source can produce: what endpoint filters may name. */
    Set<String> types();

    /**
     * The event of one record, or empty for records that are no event (tombstones).
     *
     * @throws io.mailstream.schemas.serde.WireFormatException for bytes that do not decode (skipped and counted)
     * @throws io.mailstream.schemas.registry.SchemaRegistryException when the registry cannot be reached (retried)
     */
    Optional<WebhookEvent> toEvent(ConsumerRecord<byte[], byte[]> record);
}
