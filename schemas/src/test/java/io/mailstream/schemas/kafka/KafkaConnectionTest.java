package io.mailstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {
    private static final KafkaClientSettings SECURED = new KafkaClientSettings(Map.of(
            "bootstrap.servers", "broker.example:9093",
            "security.protocol", "SASL_SSL",
            "sasl.mechanism", "SCRAM-SHA-512",
            "acks", "1",
            "group.id", "theirs",
            "enable.idempotence", "false",
            "schema.registry.url", "https://registry.example"), Optional.of(Path.of("client.properties")));

    @Test
    void mergeShouldPutTheUsersSettingsUnderTheOnesMailstreamOwns() {
        KafkaConnection kafka = KafkaConnection.resolve(null, SECURED);

        Properties p = kafka.merge(Map.of("acks", "all", "enable.idempotence", true, "client.id", "x"));

        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("client.id", "x")
                .containsEntry("bootstrap.servers", "broker.example:9093")
                .doesNotContainKey("schema.registry.url");
    }

    @Test
    void mergeShouldNeverTakeAGroupIdFromTheFileEvenForAGroupLessClient() {
        assertThat(KafkaConnection.resolve(null, SECURED).merge(Map.of("client.id", "reader"))).doesNotContainKey("group.id");
    }

    @Test
    void resolveShouldPreferTheOptionThenTheFileThenLocalhost() {
        assertThat(KafkaConnection.resolve("cli:9092", SECURED).bootstrapServers()).isEqualTo("cli:9092");
        assertThat(KafkaConnection.resolve(null, SECURED).bootstrapServers()).isEqualTo("broker.example:9093");
        assertThat(KafkaConnection.resolve(null, KafkaClientSettings.none()).bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(KafkaConnection.resolve("cli:9092", SECURED).merge().getProperty("bootstrap.servers")).isEqualTo("cli:9092");
    }
}
