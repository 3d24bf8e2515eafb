package io.mailstream.bounces.mailbox;

/**
 * What one poll did.
 *
 * @param stored   messages Kafka acknowledged (then deleted, flagged or moved)
 * @param refused  messages refused for good this poll (too large, unreadable): flagged and left for an operator
 * @param deferred messages left untouched because Kafka did not acknowledge in time: the next poll takes them again
 */
public record PollResult(int stored, int refused, int deferred) {
    /** Whether Kafka refused or timed out, so some mail waits for a later poll. */
    public boolean kafkaFailed() {
        return deferred > 0;
    }
}
