package io.mailstream.embedded.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mailstream.embedded.kafka.EmbeddedKafka;
import io.mailstream.schemas.topics.PartitionMismatch;
import io.mailstream.schemas.topics.ProvisioningResult;
import io.mailstream.schemas.topics.TopicMismatchException;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.TopicSpec;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TopicProvisioner} (module schemas) against a real broker; lives here because the broker does. */
class TopicProvisionerIT {
    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        admin.close();
        kafka.close();
    }

    @Test
    void provisioningTwiceShouldCreateOnceAndThenFindEverything() throws Exception {
        List<TopicSpec> specs = Topics.all(2);
        ProvisioningResult first;
        ProvisioningResult second;
        try (TopicProvisioner p = TopicProvisioner.using(admin)) {
            first = p.provision(specs);
            second = p.provision(specs);
        }

        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(specs.stream().map(TopicSpec::name).toList());
        assertThat(first.existing()).isEmpty();
        assertThat(second.created()).isEmpty();
        assertThat(second.existing()).hasSameSizeAs(specs);
        assertThat(second.hasMismatches()).isFalse();
        assertThat(admin.describeTopics(Set.of(Topics.OUTBOUND)).allTopicNames().get().get(Topics.OUTBOUND)
                .partitions()).hasSize(2);
        Config campaigns = topicConfig(Topics.CAMPAIGNS);
        assertThat(campaigns.get("cleanup.policy").value()).isEqualTo("compact");
    }

    @Test
    void aTopicWithAnotherPartitionCountShouldBeReportedAndFailStrictCallers() {
        TopicSpec declared = new TopicSpec("mismatch.test", 3, TopicSpec.CleanupPolicy.DELETE, java.util.Optional.empty());
        try (TopicProvisioner p = TopicProvisioner.forBootstrapServers(kafka.bootstrapServers())) {
            p.provision(List.of(declared.withPartitions(1)));
            ProvisioningResult result = p.provision(List.of(declared));

            assertThat(result.created()).isEmpty();
            assertThat(result.mismatches()).containsExactly(new PartitionMismatch("mismatch.test", 3, 1));
            assertThatThrownBy(result::requireNoMismatches)
                    .isInstanceOf(TopicMismatchException.class)
                    .hasMessageContaining("mismatch.test").hasMessageContaining("3").hasMessageContaining("1");
        }
    }

    /**
     * The topic's configuration once the broker answering knows the topic: a topic just created reaches
     * the brokers' metadata a moment later (KRaft), and until then describeConfigs says it is unknown.
     */
    private static Config topicConfig(String topic) {
        return await("the configuration of " + topic).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsInstanceOf(ExecutionException.class)
                .until(() -> admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
                        .all().get().values().iterator().next(), c -> true);
    }

    @Test
    void minInsyncReplicasShouldBeSetOnCreatedTopicsAndCheckedAgainstTheReplicationFactor() throws Exception {
        TopicSpec spec = new TopicSpec("min-isr.test", 1, TopicSpec.CleanupPolicy.DELETE, java.util.Optional.empty());
        try (TopicProvisioner p = TopicProvisioner.using(admin)) {
            assertThatThrownBy(() -> p.provision(List.of(spec), (short) 1, java.util.OptionalInt.of(2)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min.insync.replicas");
            p.provision(List.of(spec), (short) 1, java.util.OptionalInt.of(1));
        }

        Config config = topicConfig("min-isr.test");
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        assertThat(config.get("min.insync.replicas").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }
}
