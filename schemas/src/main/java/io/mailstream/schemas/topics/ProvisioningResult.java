package io.mailstream.schemas.topics;

import java.util.List;

/**
 * What a provisioning run found and did: topics it created, topics already there with the
 * declared partition count, and topics already there with another count (left as they are:
 * changing partitions moves keys, which only an operator may decide).
 */
public record ProvisioningResult(List<String> created, List<String> existing, List<PartitionMismatch> mismatches) {
    public ProvisioningResult {
        created = List.copyOf(created);
        existing = List.copyOf(existing);
        mismatches = List.copyOf(mismatches);
    }

    public boolean hasMismatches() {
        return !mismatches.isEmpty();
    }

    /**
     * Returns this result if every topic matches its spec.
     *
     * @throws TopicMismatchException for the first mismatching topic
     */
    public ProvisioningResult requireNoMismatches() {
        if (hasMismatches()) {
            throw TopicMismatchException.of(mismatches.get(0));
        }
        return this;
    }
}
