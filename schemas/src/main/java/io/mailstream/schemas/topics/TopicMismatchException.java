package io.mailstream.schemas.topics;

import io.mailstream.schemas.MailstreamException;

/**
 * A topic exists with a partition count other than the one declared for it. Partition counts
 * decide which routing key lands on which partition (and so which dispatcher owns a domain's
 * budget), so a strict caller refuses to start rather than silently use another layout.
 */
public final class TopicMismatchException extends MailstreamException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int expectedPartitions;
    private final int actualPartitions;

    private TopicMismatchException(String topic, int expectedPartitions, int actualPartitions, String message) {
        super(message);
        this.topic = topic;
        this.expectedPartitions = expectedPartitions;
        this.actualPartitions = actualPartitions;
    }

    public static TopicMismatchException of(PartitionMismatch m) {
        return new TopicMismatchException(m.topic(), m.expectedPartitions(), m.actualPartitions(),
                "topic " + m.topic() + " has " + m.actualPartitions() + " partitions, expected "
                        + m.expectedPartitions());
    }

    public String topic() {
        return topic;
    }

    public int expectedPartitions() {
        return expectedPartitions;
    }

    public int actualPartitions() {
        return actualPartitions;
    }
}
