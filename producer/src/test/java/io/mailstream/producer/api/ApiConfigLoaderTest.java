package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.schemas.address.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("api.yaml"), yaml);
    }

    @Test
    void fullFileShouldLoadIntoTypedConfig() throws Exception {
        ApiConfig c = ApiConfigLoader.load(write("""
                port: 9090
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                publishTimeoutMs: 5000
                shards: {gmail.com: 8}
                apiKeys:
                  - id: shop
                    secret: 0123456789abcdef-shop
                    senderDomains: [Shop.Example]
                """));

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.threads()).isEqualTo(ApiConfig.DEFAULT_THREADS);
        assertThat(c.shards().shardsFor(Domain.of("gmail.com"))).isEqualTo(8);
        assertThat(c.apiKeys()).singleElement().satisfies(k -> {
            assertThat(k.maySendFrom(Domain.of("shop.example"))).isTrue();
            assertThat(k.toString()).doesNotContain("0123456789abcdef");
        });
    }

    @Test
    void unknownKeyShouldFailNamingIt() throws Exception {
        Path file = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                theads: 4
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example]}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(file))
                .isInstanceOf(InvalidApiConfigException.class)
                .hasMessageContaining("theads");
    }

    @Test
    void shortSecretShouldFailNamingTheKey() throws Exception {
        Path file = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                apiKeys: [{id: a, secret: short, senderDomains: [a.example]}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(file))
                .isInstanceOfSatisfying(InvalidApiConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("apiKeys[0].secret"));
    }

    @Test
    void missingKeysOrInvalidValuesShouldFail() throws Exception {
        Path noKeys = write("bootstrapServers: kafka:9092\nschemaRegistry: http://r:8081\n");
        assertThatThrownBy(() -> ApiConfigLoader.load(noKeys)).hasMessageContaining("apiKeys");
        Path badThreads = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                threads: 0
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example]}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(badThreads)).hasMessageContaining("threads");
    }

    @Test
    void keysShouldBelongToTheirTenantAndKeysWithoutOneToTheDefaultTenant() throws Exception {
        ApiConfig c = ApiConfigLoader.load(write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                statusRetention: 36h
                statusStateDir: /var/lib/mailstream/api-status
                apiKeys:
                  - {id: shop, secret: 0123456789abcdef-shop, senderDomains: [shop.example], tenant: acme}
                  - {id: legacy, secret: 0123456789abcdef-legacy, senderDomains: [legacy.example]}
                """));

        assertThat(c.apiKeys()).extracting(ApiKey::tenant)
                .containsExactly(io.mailstream.schemas.ids.TenantId.of("acme"), io.mailstream.schemas.ids.TenantId.DEFAULT);
        assertThat(c.statusRetention()).isEqualTo(Duration.ofHours(36));
        assertThat(c.statusStateDir()).contains(Path.of("/var/lib/mailstream/api-status"));
    }

    @Test
    void statusRetentionShouldDefaultToSevenDays() throws Exception {
        ApiConfig c = ApiConfigLoader.load(write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example]}]
                """));

        assertThat(c.statusRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.statusStateDir()).isEmpty();
    }

    @Test
    void invalidTenantRetentionOrTheRetiredStatusCacheSizeShouldFailNamingTheKey() throws Exception {
        Path tenant = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example], tenant: "acme corp"}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(tenant)).isInstanceOf(InvalidApiConfigException.class)
                .hasMessageContaining("apiKeys[0].tenant").hasMessageContaining("acme corp");
        Path retention = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                statusRetention: 7 days
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example]}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(retention)).isInstanceOf(InvalidApiConfigException.class)
                .hasMessageContaining("statusRetention");
        Path cache = write("""
                bootstrapServers: kafka:9092
                schemaRegistry: http://registry:8081
                statusCacheSize: 1000
                apiKeys: [{id: a, secret: 0123456789abcdef, senderDomains: [a.example]}]
                """);
        assertThatThrownBy(() -> ApiConfigLoader.load(cache)).isInstanceOf(InvalidApiConfigException.class)
                .hasMessageContaining("statusCacheSize").hasMessageContaining("statusRetention");
    }
}
