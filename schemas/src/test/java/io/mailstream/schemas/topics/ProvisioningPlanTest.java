package io.mailstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.topics.TopicSpec.CleanupPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisioningPlanTest {
    private static final TopicSpec A = new TopicSpec("a", 3, CleanupPolicy.DELETE, Optional.empty());
    private static final TopicSpec B = new TopicSpec("b", 1, CleanupPolicy.COMPACT, Optional.empty());
    private static final TopicSpec C = new TopicSpec("c", 6, CleanupPolicy.DELETE, Optional.empty());

    @Test
    void planShouldCreateMissingKeepMatchingAndReportMismatches() {
        ProvisioningPlan plan = ProvisioningPlan.of(List.of(A, B, C), Map.of("b", 1, "c", 4, "other", 9));

        assertThat(plan.toCreate()).containsExactly(A);
        assertThat(plan.existing()).containsExactly("b");
        assertThat(plan.mismatches()).containsExactly(new PartitionMismatch("c", 6, 4));
    }

    @Test
    void planShouldRefuseATopicDeclaredTwice() {
        assertThatThrownBy(() -> ProvisioningPlan.of(List.of(A, A), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    }

    @Test
    void defaultReplicationFactorShouldBeThreeAtMost() {
        assertThat(ProvisioningPlan.defaultReplicationFactor(1)).isEqualTo((short) 1);
        assertThat(ProvisioningPlan.defaultReplicationFactor(2)).isEqualTo((short) 2);
        assertThat(ProvisioningPlan.defaultReplicationFactor(7)).isEqualTo((short) 3);
    }

    @Test
    void requireNoMismatchesShouldNameTopicExpectedAndActual() {
        ProvisioningResult result = new ProvisioningResult(List.of(), List.of(), List.of(new PartitionMismatch("c", 6, 4)));

        assertThatThrownBy(result::requireNoMismatches)
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> {
                    assertThat(e.topic()).isEqualTo("c");
                    assertThat(e.expectedPartitions()).isEqualTo(6);
                    assertThat(e.actualPartitions()).isEqualTo(4);
                });
    }
}
