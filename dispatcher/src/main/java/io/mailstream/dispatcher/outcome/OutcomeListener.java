package io.mailstream.dispatcher.outcome;

import io.mailstream.avro.DeliveryEvent;

/**
 * Told of every delivery event once Kafka has acknowledged it (so an event counts when it is
 * durable, once, however often it was attempted). Called on the producer's I/O thread: keep it cheap.
 */
@FunctionalInterface
public interface OutcomeListener {
    OutcomeListener NONE = event -> { };

    void published(DeliveryEvent event);
}
