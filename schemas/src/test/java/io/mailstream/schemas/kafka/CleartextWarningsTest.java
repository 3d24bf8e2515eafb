package io.mailstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.registry.SchemaRegistryConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CleartextWarningsTest {
    private static KafkaConnection kafka(String servers, Map<String, String> settings) {
        return new KafkaConnection(servers, new KafkaClientSettings(settings, Optional.empty()));
    }

    @Test
    void plaintextToARemoteBrokerShouldBeWarnedAbout() {
        assertThat(kafka("localhost:9092,kafka-1.prod:9092", Map.of()).cleartextWarnings())
                .singleElement().asString().contains("kafka-1.prod").contains("PLAINTEXT").doesNotContain("localhost");
    }

    @Test
    void saslPlainWithoutTlsShouldSayThePasswordCrossesInClear() {
        assertThat(kafka("10.0.0.5:9092", Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN"))
                .cleartextWarnings()).singleElement().asString().contains("SASL/PLAIN password");
    }

    @Test
    void loopbackOrEncryptedConnectionsShouldNotBeWarnedAbout() {
        assertThat(kafka("localhost:9092,127.0.0.1:9093,[::1]:9094", Map.of()).cleartextWarnings()).isEmpty();
        assertThat(kafka("kafka.prod:9093", Map.of("security.protocol", "SASL_SSL")).cleartextWarnings()).isEmpty();
        assertThat(kafka("kafka.prod:9093", Map.of("security.protocol", "ssl")).cleartextWarnings()).isEmpty();
    }

    @Test
    void registryCredentialsOverHttpToARemoteHostShouldBeWarnedAbout() {
        Map<String, String> basic = Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "k:s");

        assertThat(SchemaRegistryConfig.of("http://registry.prod:8081", basic).cleartextWarnings())
                .singleElement().asString().contains("registry.prod").contains("use https").doesNotContain("k:s");
        assertThat(SchemaRegistryConfig.of("https://registry.prod", basic).cleartextWarnings()).isEmpty();
        assertThat(SchemaRegistryConfig.of("http://localhost:8081", basic).cleartextWarnings()).isEmpty();
        assertThat(SchemaRegistryConfig.of("http://registry.prod:8081").cleartextWarnings()).isEmpty();
    }
}
