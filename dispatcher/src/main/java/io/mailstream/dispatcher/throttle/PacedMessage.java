package io.mailstream.dispatcher.throttle;

/**
 * What pacing needs to know of a queued message: its routing key ({@code domain} or
 * {@code domain#n}), whether it is transactional (it then uses the transactional sending pool), and
 * the Kafka partition it was read from (warm-up budgets are split by partition).
 */
public record PacedMessage(String routingKey, boolean transactional, int partition) {
}
