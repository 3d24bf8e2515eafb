package io.mailstream.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void ofDropsATrailingSlashAndDefaultsTheTimeoutToTenSeconds() {
        SchemaRegistryConfig config = SchemaRegistryConfig.of("http://registry:8081/");

        assertThat(config.url()).isEqualTo(URI.create("http://registry:8081"));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void urlIsRequiredAndMustBeHttpOrHttps() {
        assertThatThrownBy(() -> new SchemaRegistryConfig(null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> SchemaRegistryConfig.of("ftp://registry"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
        assertThat(SchemaRegistryConfig.of("https://registry").url().getScheme()).isEqualTo("https");
    }

    @Test
    void timeoutMustBePositive() {
        URI url = URI.create("http://registry:8081");

        assertThatThrownBy(() -> new SchemaRegistryConfig(url, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SchemaRegistryConfig(url, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
