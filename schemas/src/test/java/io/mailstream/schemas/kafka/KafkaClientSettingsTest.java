package io.mailstream.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void loadShouldReadAConfluentCloudStyleFileWithAMultiLineJaasConfig() throws IOException {
        Path f = file("client.properties", """
                # Confluent Cloud
                bootstrap.servers=pkc-123.eu-west-1.aws.confluent.cloud:9092
                security.protocol=SASL_SSL
                sasl.mechanism=PLAIN
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\
                    username="KEY" \\
                    password="SECRET";
                acks=all
                schema.registry.url=https://psrc-1.confluent.cloud
                """);

        KafkaClientSettings s = KafkaClientSettings.load(f);

        assertThat(s.get("security.protocol")).contains("SASL_SSL");
        assertThat(s.get("sasl.jaas.config")).contains(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"KEY\" password=\"SECRET\";");
        assertThat(s.kafkaEntries()).containsKeys("bootstrap.servers", "sasl.mechanism", "acks")
                .doesNotContainKey("schema.registry.url");
        assertThat(s.origin()).contains(f);
    }

    @Test
    void loadShouldRefuseAnUnknownKeyNamingFileLineAndKey() throws IOException {
        Path f = file("typo.properties", "security.protocol=SSL\n\nsecurty.protocol=SASL_SSL\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .isInstanceOfSatisfying(KafkaConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(f);
                    assertThat(e.line()).isEqualTo(3);
                })
                .hasMessageStartingWith(f + ":3: 'securty.protocol' is not a setting")
                .hasMessageContaining("fix its name or remove the line");
    }

    @Test
    void loadShouldRefuseAKeyGivenTwice() throws IOException {
        Path f = file("twice.properties", "sasl.mechanism=PLAIN\nsasl.mechanism=SCRAM-SHA-512\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .hasMessage(f + ":2: 'sasl.mechanism' is given twice (first on line 1); keep one");
    }

    @Test
    void loadShouldRefuseAnEmptyValueWithoutShowingOtherValues() throws IOException {
        Path f = file("empty.properties", "sasl.jaas.config=secret-stuff\nsasl.mechanism=\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .hasMessageContaining(":2: 'sasl.mechanism' has no value")
                .message().doesNotContain("secret-stuff");
    }

    @Test
    void loadShouldRefuseAnUnknownSecurityProtocol() throws IOException {
        Path f = file("proto.properties", "security.protocol=TLS\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .hasMessageContaining(":1: security.protocol must be one of");
    }

    @Test
    void loadShouldRefuseATrustStoreThatIsNotThere() throws IOException {
        Path f = file("tls.properties", "security.protocol=SSL\nssl.truststore.location=" + dir.resolve("missing.p12") + "\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(f))
                .hasMessageContaining(":2: ssl.truststore.location names " + dir.resolve("missing.p12"))
                .hasMessageContaining("mount it there or fix the path");
    }

    @Test
    void loadShouldNameTheFileAndWhereItWasGivenWhenItCannotBeRead() {
        Path missing = dir.resolve("nope.properties");

        assertThatThrownBy(() -> KafkaClientSettings.load(missing))
                .isInstanceOf(KafkaConfigException.class)
                .hasMessageContaining("cannot read the Kafka client config " + missing)
                .hasMessageContaining("--kafka-config or MAILSTREAM_KAFKA_CONFIG");
    }

    @Test
    void resolveShouldPreferTheOptionThenTheEnvironmentVariable() throws IOException {
        Path fromOption = file("a.properties", "sasl.mechanism=PLAIN\n");
        Path fromEnv = file("b.properties", "sasl.mechanism=SCRAM-SHA-512\n");
        Map<String, String> env = Map.of("MAILSTREAM_KAFKA_CONFIG", fromEnv.toString());

        assertThat(KafkaClientSettings.resolve(fromOption, env).get("sasl.mechanism")).contains("PLAIN");
        assertThat(KafkaClientSettings.resolve(null, env).get("sasl.mechanism")).contains("SCRAM-SHA-512");
        assertThat(KafkaClientSettings.resolve(null, Map.of()).entries()).isEmpty();
    }

    @Test
    void toStringShouldListKeysButNeverValues() throws IOException {
        Path f = file("secret.properties", "sasl.jaas.config=hunter2\n");

        assertThat(KafkaClientSettings.load(f).toString()).contains("sasl.jaas.config").doesNotContain("hunter2");
    }
}
