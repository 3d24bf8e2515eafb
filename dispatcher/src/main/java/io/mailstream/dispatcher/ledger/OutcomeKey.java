package io.mailstream.dispatcher.ledger;

/** One delivery attempt of one message: what a {@code DeliveryEvent} records an outcome for. */
public record OutcomeKey(String messageId, int attempt) {
}
