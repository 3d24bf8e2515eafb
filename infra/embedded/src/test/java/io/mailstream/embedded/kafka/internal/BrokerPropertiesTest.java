package io.mailstream.embedded.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.embedded.kafka.EmbeddedKafkaConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerPropertiesTest {
    @Test
    void propertiesShouldDescribeOneCombinedNodeAndApplyOverridesLast() {
        EmbeddedKafkaConfig config = new EmbeddedKafkaConfig(Optional.empty(), 0, 0, false,
                EmbeddedKafkaConfig.DEFAULT_START_TIMEOUT, Map.of("num.partitions", "4"));

        Map<String, String> p = BrokerProperties.of(config, Path.of("/tmp/k"), 9092, 9093);

        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@localhost:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false")
                .containsEntry("num.partitions", "4");
    }
}
