package io.mailstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicSpecTest {
    private static final Optional<Duration> DAY = Optional.of(Duration.ofDays(1));

    @Test
    void configsCarryCleanupPolicyAndRetentionInMillis() {
        TopicSpec spec = new TopicSpec("mail.outbound", 12, CleanupPolicy.DELETE, DAY);

        assertThat(spec.configs()).containsExactly(Map.entry("cleanup.policy", "delete"), Map.entry("retention.ms", "86400000"));
        assertThat(new TopicSpec("mail.campaigns", 1, CleanupPolicy.COMPACT, Optional.empty()).configs())
                .containsExactly(Map.entry("cleanup.policy", "compact"));
    }

    @Test
    void withPartitionsChangesOnlyThePartitions() {
        TopicSpec spec = new TopicSpec("mail.outbound", 12, CleanupPolicy.DELETE, DAY);

        assertThat(spec.withPartitions(3)).isEqualTo(new TopicSpec("mail.outbound", 3, CleanupPolicy.DELETE, DAY));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "..", "mail outbound", "mail/outbound", "mail.outbound\n", "mäil"})
    void illegalTopicNameIsRefused(String name) {
        assertThatThrownBy(() -> new TopicSpec(name, 1, CleanupPolicy.DELETE, DAY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicNameOfMoreThan249CharactersIsRefused() {
        assertThat(new TopicSpec("t".repeat(249), 1, CleanupPolicy.DELETE, DAY).name()).hasSize(249);
        assertThatThrownBy(() -> new TopicSpec("t".repeat(250), 1, CleanupPolicy.DELETE, DAY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partitionsMustBePositive() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, CleanupPolicy.DELETE, DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
    }

    @Test
    void cleanupPolicyIsRequired() {
        assertThatThrownBy(() -> new TopicSpec("t", 1, null, DAY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cleanup policy");
    }

    @Test
    void retentionMustBePresentOrEmptyAndPositive() {
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
        assertThatThrownBy(() -> new TopicSpec("t", 1, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
