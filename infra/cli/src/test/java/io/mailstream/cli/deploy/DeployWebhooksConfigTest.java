package io.mailstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.webhooks.config.WebhooksConfig;
import io.mailstream.webhooks.config.WebhooksConfigLoader;
import io.mailstream.webhooks.event.EventSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The endpoints file both compose variants mount into the {@code webhooks} container passes the
 * service's own start-up checks, with its secret from the variable the compose files pass in.
 */
class DeployWebhooksConfigTest {
    private static final String SECRET_ENV = "MAILSTREAM_WEBHOOK_SECRET";

    @Test
    void theComposeWebhooksFileShouldLoadWithTheSecretTheComposeFilesPass() {
        WebhooksConfig config = new WebhooksConfigLoader(EventSources.defaults(new InMemorySchemaRegistry()).types(),
                Map.of(SECRET_ENV, "0123456789abcdef0123456789abcdef"))
                .load(DeployYaml.COMPOSE.resolve("webhooks.yaml"));

        assertThat(config.endpoints()).isNotEmpty();
        for (String file : java.util.List.of("docker-compose.yml", "docker-compose.secure.yml")) {
            var webhooks = DeployYaml.read(DeployYaml.COMPOSE.resolve(file)).path("services").path("webhooks");
            assertThat(webhooks.path("environment").has(SECRET_ENV)).as(file).isTrue();
            assertThat(DeployYaml.strings(webhooks.path("volumes"))).as(file)
                    .contains("./webhooks.yaml:/etc/mailstream/webhooks.yaml:ro");
        }
    }
}
