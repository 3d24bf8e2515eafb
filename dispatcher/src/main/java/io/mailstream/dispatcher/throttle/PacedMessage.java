package io.mailstream.dispatcher.throttle;

import java.util.Optional;

/**
 * What pacing needs to know of a queued message: its routing key ({@code domain}, {@code domain#n},
 * {@code site:name} or {@code site:name#n}), its recipient domain (which picks a domain policy when
 * the key names a site; empty: taken from a domain key), its campaign (empty for transactional
 * mail; it picks the sending pool), and the Kafka partition it was read from (warm-up budgets are
 * split by partition).
 */
public record PacedMessage(String routingKey, Optional<String> recipientDomain, Optional<String> campaignId, int partition) {
    public PacedMessage(String routingKey, Optional<String> campaignId, int partition) {
        this(routingKey, Optional.empty(), campaignId, partition);
    }

    /** Campaign-less (transactional) mail, or mail whose campaign does not matter to the test or caller. */
    public static PacedMessage of(String routingKey, int partition) {
        return new PacedMessage(routingKey, Optional.empty(), Optional.empty(), partition);
    }

    /** Campaign-less mail to {@code recipientDomain} under a (site) routing key. */
    public static PacedMessage of(String routingKey, String recipientDomain, int partition) {
        return new PacedMessage(routingKey, Optional.of(recipientDomain), Optional.empty(), partition);
    }
}
