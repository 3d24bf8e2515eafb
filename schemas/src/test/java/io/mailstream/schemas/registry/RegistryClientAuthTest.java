package io.mailstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a real local HTTPS server with its own CA that demands credentials. */
class RegistryClientAuthTest {
    @TempDir
    Path dir;

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private Path clientFile(HttpsRegistryFixture registry, String extra) throws Exception {
        Path store = registry.writeTrustStore(dir, "store-pw");
        return Files.writeString(dir.resolve("client.properties"), """
                security.protocol=SASL_SSL
                schema.registry.url=%s
                schema.registry.ssl.truststore.location=%s
                schema.registry.ssl.truststore.password=store-pw
                schema.registry.ssl.truststore.type=PKCS12
                %s
                """.formatted(registry.url(), store, extra));
    }

    @Test
    void basicAuthFromTheKafkaConfigFileShouldReachAnHttpsRegistryWithACustomCa() throws Exception {
        try (HttpsRegistryFixture registry = HttpsRegistryFixture.demanding(basic("sr-key:sr-secret"))) {
            Path file = clientFile(registry, "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=sr-key:sr-secret\n");

            SchemaRegistryConfig config = KafkaClientSettings.load(file).registry(null);

            assertThat(config.url().toString()).isEqualTo(registry.url());
            assertThat(new RestSchemaRegistryClient(config).schemaById(1).getName()).isEqualTo("Ping");
        }
    }

    @Test
    void aRefusedPasswordShouldSayWhichSettingWithoutShowingTheSecret() throws Exception {
        try (HttpsRegistryFixture registry = HttpsRegistryFixture.demanding(basic("sr-key:right"))) {
            Path file = clientFile(registry, "basic.auth.credentials.source=USER_INFO\nbasic.auth.user.info=sr-key:wrong-one\n");
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(KafkaClientSettings.load(file).registry(null));

            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
                    .hasMessageContaining("basic auth as 'sr-key' from basic.auth.user.info")
                    .message().doesNotContain("wrong-one");
        }
    }

    @Test
    void aBearerTokenShouldBeSentWithTheLogicalClusterHeader() throws Exception {
        try (HttpsRegistryFixture registry = HttpsRegistryFixture.demanding("Bearer eyJ.token")) {
            Path file = clientFile(registry, "bearer.auth.credentials.source=STATIC_TOKEN\nbearer.auth.token=eyJ.token\n"
                    + "bearer.auth.logical.cluster=lsrc-123\n");

            assertThat(new RestSchemaRegistryClient(KafkaClientSettings.load(file).registry(null)).schemaById(1).getName())
                    .isEqualTo("Ping");
            assertThat(registry.seen).last().satisfies(h -> assertThat(h.logicalCluster()).contains("lsrc-123"));
        }
    }

    @Test
    void userInfoInTheUrlShouldBeBasicAuthAndLeaveTheUrl() throws Exception {
        try (HttpsRegistryFixture registry = HttpsRegistryFixture.demanding(basic("u:p w"))) {
            Path store = registry.writeTrustStore(dir, "x");
            String url = registry.url().replace("https://", "https://u:p%20w@");

            SchemaRegistryConfig config = SchemaRegistryConfig.of(url, Map.of(
                    "schema.registry.ssl.truststore.location", store.toString(),
                    "schema.registry.ssl.truststore.password", "x", "schema.registry.ssl.truststore.type", "PKCS12"));

            assertThat(config.url().toString()).isEqualTo(registry.url());
            assertThat(new RestSchemaRegistryClient(config).schemaById(1).getName()).isEqualTo("Ping");
        }
    }

    @Test
    void withoutTheCustomCaTheTlsFailureShouldPointAtTheTrustStoreSetting() throws Exception {
        try (HttpsRegistryFixture registry = HttpsRegistryFixture.demanding(basic("a:b"))) {
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(SchemaRegistryConfig.of(registry.url(),
                    Map.of("basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", "a:b")));

            assertThatThrownBy(() -> client.schemaById(1)).isInstanceOf(SchemaRegistryException.class)
                    .hasMessageContaining("schema.registry.ssl.truststore.location");
            assertThat(registry.seen).isEmpty();
        }
    }

    @Test
    void userInfoWithoutItsSourceShouldBeRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of("https://r", Map.of("basic.auth.user.info", "a:b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add basic.auth.credentials.source=USER_INFO");
    }

    @Test
    void basicAndBearerTogetherShouldBeRefused() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of("https://r", Map.of("basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "a:b", "bearer.auth.token", "t")))
                .hasMessageContaining("keep one");
    }

    @Test
    void saslInheritShouldTakeUserAndPasswordFromTheJaasConfig() {
        SchemaRegistryConfig config = SchemaRegistryConfig.of("https://r", Map.of("basic.auth.credentials.source", "SASL_INHERIT",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"pw\";"));

        assertThat(config.security().credentials().headers()).containsEntry("Authorization", basic("svc:pw"));
    }

    @Test
    void aBearerSourceOtherThanStaticTokenShouldBeRefused() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of("https://r", Map.of("bearer.auth.credentials.source", "OAUTHBEARER")))
                .hasMessageContaining("use STATIC_TOKEN");
    }

    @Test
    void registrySettingsThatCannotBeUsedShouldNameTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), "basic.auth.user.info=a:b\n");

        assertThatThrownBy(() -> KafkaClientSettings.load(file).registry(null))
                .hasMessageStartingWith("schema registry settings in " + file);
        assertThat(KafkaClientSettings.none().registry(null).url().toString()).isEqualTo("http://localhost:8081");
        assertThat(Optional.of(KafkaClientSettings.none().registry("http://elsewhere:8081/").url().toString()))
                .contains("http://elsewhere:8081");
    }
}
