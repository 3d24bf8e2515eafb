package io.mailstream.producer.api;

import io.mailstream.avro.DeliveryEvent;
import java.util.Optional;

/**
 * What is known of a message: accepted by this API and not yet handled by a dispatcher, or its
 * latest delivery event.
 */
public record MessageStatus(String messageId, Optional<DeliveryEvent> latest) {

    public static MessageStatus accepted(String messageId) {
        return new MessageStatus(messageId, Optional.empty());
    }

    /** {@code ACCEPTED} until a dispatcher reports, then the latest outcome's name. */
    public String status() {
        return latest.map(e -> e.getOutcome().name()).orElse("ACCEPTED");
    }
}
