package io.mailstream.producer.api.status;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which delivery events are of transactional messages: those without a campaign (the API publishes
 * transactional mail with {@code campaignId} null, templates included). An event that cannot be
 * decoded is left out (and logged): it cannot be answered about anyway.
 */
final class TransactionalEvents implements Predicate<byte[]> {
    private static final Logger log = LoggerFactory.getLogger(TransactionalEvents.class);

    private final AvroSerde<DeliveryEvent> serde;

    TransactionalEvents(AvroSerde<DeliveryEvent> serde) {
        this.serde = serde;
    }

    @Override
    public boolean test(byte[] value) {
        try {
            return serde.deserializer().deserialize(Topics.DELIVERY_EVENTS, value).getCampaignId() == null;
        } catch (RuntimeException e) {
            log.warn("leaving an undecodable delivery event out of {}: {}", Topics.TRANSACTIONAL_STATUS, e.getMessage());
            return false;
        }
    }
}
