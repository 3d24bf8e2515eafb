package io.mailstream.cli.lag;

import java.util.OptionalLong;

/**
 * How far one consumer group is behind on one partition.
 *
 * @param group     consumer group id
 * @param topic     topic name
 * @param partition partition number
 * @param committed the group's committed offset, empty when the group has committed on other
 *                  partitions of the topic but not on this one
 * @param start     the partition's log start offset (earliest)
 * @param end       the partition's log end offset (latest)
 * @param lag       records left to consume: {@code end - committed}, or {@code end - start} without a
 *                  commit (what a consumer with {@code auto.offset.reset=earliest} still has to read)
 */
public record PartitionLag(String group, String topic, int partition, OptionalLong committed, long start, long end, long lag) {
    public PartitionLag {
        if (group == null || group.isBlank() || topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("group and topic are required");
        }
        if (partition < 0 || start < 0 || end < start || lag < 0) {
            throw new IllegalArgumentException("invalid offsets for " + group + " " + topic + "-" + partition
                    + ": start " + start + ", end " + end + ", lag " + lag);
        }
    }
}
