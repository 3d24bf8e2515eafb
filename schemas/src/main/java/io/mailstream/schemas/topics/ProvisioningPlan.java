package io.mailstream.schemas.topics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure half of provisioning: given the declared specs and the partition counts of the topics
 * that already exist, which topics to create, which are fine and which disagree. No I/O, so the
 * decisions are unit-tested without a broker.
 */
public record ProvisioningPlan(List<TopicSpec> toCreate, List<String> existing, List<PartitionMismatch> mismatches) {
    public ProvisioningPlan {
        toCreate = List.copyOf(toCreate);
        existing = List.copyOf(existing);
        mismatches = List.copyOf(mismatches);
    }

    /**
     * @param specs              the declared topics; a name must appear once
     * @param existingPartitions partition count per existing topic name (other topics may be present)
     */
    public static ProvisioningPlan of(List<TopicSpec> specs, Map<String, Integer> existingPartitions) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic " + spec.name() + " is declared twice");
            }
        }
        List<TopicSpec> create = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        List<PartitionMismatch> bad = new ArrayList<>();
        for (TopicSpec spec : byName.values()) {
            Integer actual = existingPartitions.get(spec.name());
            if (actual == null) {
                create.add(spec);
            } else if (actual == spec.partitions()) {
                ok.add(spec.name());
            } else {
                bad.add(new PartitionMismatch(spec.name(), spec.partitions(), actual));
            }
        }
        return new ProvisioningPlan(create, ok, bad);
    }

    /** The default replication factor: 3 where the cluster has that many brokers, else all of them. */
    public static short defaultReplicationFactor(int brokers) {
        if (brokers < 1) {
            throw new IllegalArgumentException("cluster reports " + brokers + " brokers");
        }
        return (short) Math.min(3, brokers);
    }
}
