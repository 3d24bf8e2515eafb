package io.mailstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topicNamesAreUnique() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void everyRetryDelayHasItsOwnTopic() {
        Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());

        assertThat(Topics.RETRY_DELAYS).allSatisfy(d -> assertThat(names).contains(Topics.retryTopic(d)));
        assertThat(Topics.RETRY_DELAYS.stream().map(Topics::retryTopic)).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).startsWith(Topics.RETRY_PREFIX));
        assertThat(Topics.retryTopic(Duration.ofHours(2))).isEqualTo("mail.retry.120m");
    }

    @Test
    void retryDelaysGrow() {
        assertThat(Topics.RETRY_DELAYS).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void onlyTablesAreCompacted() {
        List<String> compacted = Topics.all().stream()
                .filter(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT).map(TopicSpec::name).toList();

        assertThat(compacted).containsExactlyInAnyOrder(Topics.CAMPAIGNS, Topics.SUPPRESSIONS, Topics.WARMUP_COUNTERS, Topics.SHARD_MAP, Topics.THROTTLE_STATE,
                Topics.GUARD_DECISIONS);
    }

    @Test
    void compactedTopicsKeepEveryKeyForever() {
        assertThat(Topics.all()).filteredOn(t -> t.cleanupPolicy() == CleanupPolicy.COMPACT)
                .allSatisfy(t -> assertThat(t.configs()).doesNotContainKey("retention.ms"));
    }

    @Test
    void everyTopicOfTheDesignIsDeclared() {
        assertThat(Topics.all()).extracting(TopicSpec::name).contains(Topics.CAMPAIGNS, Topics.OUTBOUND,
                Topics.TRANSACTIONAL, Topics.DELIVERY_EVENTS, Topics.BOUNCES_RAW, Topics.SUPPRESSIONS, Topics.DEAD_LETTER);
    }

    @Test
    void transactionalMailShouldHaveRetryTopicsOfItsOwnUnderTheRetryPrefix() {
        assertThat(Topics.all()).extracting(TopicSpec::name)
                .contains(Topics.transactionalRetryTopic(Topics.RETRY_DELAYS.get(0)), "mail.retry.transactional.1m");
        assertThat(Topics.isTransactional("mail.retry.transactional.5m")).isTrue();
        assertThat(Topics.isTransactional(Topics.TRANSACTIONAL)).isTrue();
        assertThat(Topics.isTransactional("mail.retry.5m")).isFalse();
        assertThat(Topics.isTransactional(Topics.OUTBOUND)).isFalse();
        assertThat(Topics.transactionalRetryTopic(Topics.RETRY_DELAYS.get(0))).startsWith(Topics.RETRY_PREFIX);
    }

    @Test
    void outboundPartitionsScaleTheRoutedTopics() {
        List<TopicSpec> specs = Topics.all(48);

        assertThat(specs).filteredOn(t -> t.name().equals(Topics.OUTBOUND) || t.name().equals(Topics.TRANSACTIONAL)
                        || t.name().startsWith(Topics.RETRY_PREFIX))
                .hasSize(2 + 2 * Topics.RETRY_DELAYS.size())
                .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(48));
        assertThat(Topics.all()).filteredOn(t -> t.name().equals(Topics.OUTBOUND))
                .singleElement().extracting(TopicSpec::partitions).isEqualTo(Topics.DEFAULT_OUTBOUND_PARTITIONS);
    }

    @Test
    void idempotencyClaimsShouldBeCompactedAndDeletedAfterTheirHorizon() {
        assertThat(Topics.all()).filteredOn(t -> t.name().equals(Topics.IDEMPOTENCY_KEYS)).singleElement()
                .satisfies(t -> assertThat(t.configs()).containsEntry("cleanup.policy", "compact,delete")
                        .containsEntry("retention.ms", Long.toString(Topics.IDEMPOTENCY_HORIZON.toMillis())));
    }
}
