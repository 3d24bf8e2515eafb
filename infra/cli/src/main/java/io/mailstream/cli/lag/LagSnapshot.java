package io.mailstream.cli.lag;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Every group's lag at one instant, partitions sorted by group, topic and partition. */
public record LagSnapshot(Instant takenAt, List<PartitionLag> partitions) {
    private static final Comparator<PartitionLag> ORDER = Comparator.comparing(PartitionLag::group)
            .thenComparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition);

    public LagSnapshot {
        if (takenAt == null || partitions == null) {
            throw new IllegalArgumentException("takenAt and partitions are required");
        }
        partitions = partitions.stream().sorted(ORDER).toList();
    }

    /** Sum of every partition's lag. */
    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** Total lag per group, groups in name order. */
    public Map<String, Long> lagByGroup() {
        return partitions.stream().collect(Collectors.groupingBy(PartitionLag::group, TreeMap::new,
                Collectors.summingLong(PartitionLag::lag)));
    }

    /** Total lag per topic of one group, topics in name order; empty if the group is unknown. */
    public Map<String, Long> lagByTopic(String group) {
        return partitions.stream().filter(p -> p.group().equals(group))
                .collect(Collectors.groupingBy(PartitionLag::topic, TreeMap::new, Collectors.summingLong(PartitionLag::lag)));
    }

    public List<PartitionLag> partitionsOf(String group) {
        return partitions.stream().filter(p -> p.group().equals(group)).toList();
    }
}
