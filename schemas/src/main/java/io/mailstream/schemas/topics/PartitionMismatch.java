package io.mailstream.schemas.topics;

/** A topic that exists with another partition count than its {@link TopicSpec} asks for. */
public record PartitionMismatch(String topic, int expectedPartitions, int actualPartitions) {
    public PartitionMismatch {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic name is empty");
        }
    }
}
