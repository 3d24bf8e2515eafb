package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.producer.launch.ClusterConfig;
import io.mailstream.producer.launch.KafkaClients;
import io.mailstream.producer.launch.RegistryTarget;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiProducerSettingsTest {

    @Test
    void theApisProducerShouldCompressWithLz4AndCarryTheKafkaConfig() {
        ApiConfig config = ApiConfig.of(0, "broker:9093", "http://localhost:8081",
                List.of(new ApiKey("shop", "a-long-enough-secret", Set.of()))).withKafkaSettings(new KafkaClientSettings(
                        Map.of("security.protocol", "SSL", "compression.type", "zstd"), Optional.empty()));

        Properties p = KafkaClients.producerProperties(
                new ClusterConfig(config.kafka(), RegistryTarget.instance(new InMemorySchemaRegistry()), ApiServer.TUNING), "api");

        assertThat(p).containsEntry("compression.type", "lz4").containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "broker:9093");
    }
}
