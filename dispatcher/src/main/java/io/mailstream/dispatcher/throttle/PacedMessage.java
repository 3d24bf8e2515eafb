package io.mailstream.dispatcher.throttle;

import java.util.Optional;

/**
 * What pacing needs to know of a queued message: its routing key ({@code domain} or
 * {@code domain#n}), its campaign (empty for transactional mail; it picks the sending pool), and the
 * Kafka partition it was read from (warm-up budgets are split by partition).
 */
public record PacedMessage(String routingKey, Optional<String> campaignId, int partition) {
    /** Campaign-less (transactional) mail, or mail whose campaign does not matter to the test or caller. */
    public static PacedMessage of(String routingKey, int partition) {
        return new PacedMessage(routingKey, Optional.empty(), partition);
    }
}
