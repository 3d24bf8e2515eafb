package io.mailstream.cli.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OwnershipMonitorTest {
    private static final TopicPartition P0 = new TopicPartition("mail.outbound", 0);
    private static final TopicPartition P1 = new TopicPartition("mail.outbound", 1);

    private static MemberDescription member(String id, TopicPartition... partitions) {
        return new MemberDescription(id, "client-" + id, "/127.0.0.1", new MemberAssignment(Set.of(partitions)));
    }

    @Test
    void disjointAssignmentsShouldShareNothing() {
        assertThat(OwnershipMonitor.sharedPartitions(List.of(member("a", P0), member("b", P1), member("c")))).isEmpty();
    }

    @Test
    void aPartitionInTwoAssignmentsShouldBeReportedWithBothOwners() {
        var shared = OwnershipMonitor.sharedPartitions(List.of(member("a", P0, P1), member("b", P1)));

        assertThat(shared).containsOnlyKeys(P1);
        assertThat(shared.get(P1)).containsExactlyInAnyOrder("client-a/a", "client-b/b");
    }
}
