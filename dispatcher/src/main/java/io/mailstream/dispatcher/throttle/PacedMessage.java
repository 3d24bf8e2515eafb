package io.mailstream.dispatcher.throttle;

import java.util.Optional;

/**
 * What pacing needs to know of a queued message: its routing key ({@code domain}, {@code domain#n},
 * {@code site:name} or {@code site:name#n}), its recipient domain (which picks a domain policy when
 * the key names a site; empty: taken from a domain key), its campaign (empty for transactional
 * mail; it picks the sending pool), the Kafka partition it was read from (warm-up budgets are
 * split by partition), and whether it came through the transactional lane (which may use the
 * connections reserved for it at each destination).
 */
public record PacedMessage(String routingKey, Optional<String> recipientDomain, Optional<String> campaignId, int partition,
                           boolean transactional) {
    /** Mail of the campaign lane. */
    public PacedMessage(String routingKey, Optional<String> recipientDomain, Optional<String> campaignId, int partition) {
        this(routingKey, recipientDomain, campaignId, partition, false);
    }

    public PacedMessage(String routingKey, Optional<String> campaignId, int partition) {
        this(routingKey, Optional.empty(), campaignId, partition);
    }

    /** The same message, read from the transactional lane. */
    public PacedMessage asTransactional() {
        return new PacedMessage(routingKey, recipientDomain, campaignId, partition, true);
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
