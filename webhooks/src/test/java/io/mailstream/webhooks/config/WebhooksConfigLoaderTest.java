package io.mailstream.webhooks.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.webhooks.event.WebhookEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhooksConfigLoaderTest {
    private static final Set<String> TYPES = Set.of("delivered", "bounced", "complaint", "unsubscribe");
    private final WebhooksConfigLoader loader = new WebhooksConfigLoader(TYPES, Map.of("CRM_SECRET", "from-the-environment-0123"));

    private static final String FULL = """
            groupPrefix: acme-webhooks
            endpoints:
              - name: crm
                url: https://crm.example.com/hooks
                keyId: k2026
                secretEnv: CRM_SECRET
                events: [delivered, bounced]
                campaigns: [spring-sale]
                tenants: [acme]
                startFrom: earliest
                batch: {maxEvents: 50, maxAge: 500ms}
                retry: {initialBackoff: 2s, maxBackoff: 10m, multiplier: 3, jitter: 0.1, giveUpAfter: 2d, requestTimeout: PT5S}
              - name: warehouse
                url: http://10.0.0.5:8080/in
                keyId: k1
                secret: inline-secret-0123456789
            """;

    @Test
    void aFullFileShouldBeReadWithDefaultsForWhatItLeavesOut() {
        WebhooksConfig c = loader.parse(FULL);
        assertThat(c.groupPrefix()).isEqualTo("acme-webhooks");
        EndpointConfig crm = c.endpoints().get(0);
        assertThat(c.groupOf(crm)).isEqualTo("acme-webhooks-crm");
        assertThat(crm.key().id()).isEqualTo("k2026");
        assertThat(new String(crm.key().secret())).isEqualTo("from-the-environment-0123");
        assertThat(crm.filter()).isEqualTo(new EndpointFilter(Set.of("delivered", "bounced"), Set.of("spring-sale"), Set.of("acme")));
        assertThat(crm.batch()).isEqualTo(new BatchConfig(50, Duration.ofMillis(500)));
        assertThat(crm.retry()).isEqualTo(new RetryConfig(Duration.ofSeconds(2), Duration.ofMinutes(10), 3.0, 0.1, Duration.ofDays(2),
                Duration.ofSeconds(5)));
        assertThat(crm.startFrom()).isEqualTo("earliest");
        assertThat(crm.toString()).doesNotContain("from-the-environment");
        EndpointConfig wh = c.endpoints().get(1);
        assertThat(wh.filter()).isEqualTo(EndpointFilter.ALL);
        assertThat(wh.batch()).isEqualTo(BatchConfig.DEFAULTS);
        assertThat(wh.retry().giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(wh.startFrom()).isEqualTo("latest");
    }

    private void refused(String yaml, String path, String reason) {
        assertThatThrownBy(() -> loader.parse(yaml)).isInstanceOfSatisfying(InvalidWebhooksConfigException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).contains(path).contains(reason);
        });
    }

    private static String endpoint(String extra) {
        return "endpoints:\n  - name: crm\n    url: https://crm.example.com/h\n    keyId: k1\n    secret: inline-secret-0123456789\n"
                + extra;
    }

    @Test
    void badKeysShouldBeRefusedNamingTheirPath() {
        refused(endpoint("    batch: {maxEvnts: 5}\n"), "endpoints[0].batch.maxEvnts", "not a known key");
        refused(endpoint("    batch: {maxEvents: 0}\n"), "endpoints[0].batch.maxEvents", "1..10000");
        refused(endpoint("    retry: {giveUpAfter: forever}\n"), "endpoints[0].retry.giveUpAfter", "duration like");
        refused(endpoint("    retry: {initialBackoff: 10m, maxBackoff: 1m}\n"), "endpoints[0].retry", "must not be below");
        refused(endpoint("    events: [delivered, clicked]\n"), "endpoints[0].events", "unknown event types [clicked]");
        refused(endpoint("    startFrom: beginning\n"), "endpoints[0].startFrom", "earliest' or 'latest'");
        refused(endpoint("    campaigns: spring\n"), "endpoints[0].campaigns", "must be a list");
        refused("endpoints: []\n", "endpoints", "is required");
        refused("endpoint: []\n", "endpoint", "not a known key");
        refused("- a\n", "(document)", "mapping");
    }

    @Test
    void urlsAndSecretsShouldBeChecked() {
        refused("endpoints:\n  - {name: a, url: 'ftp://x/y', keyId: k, secret: inline-secret-0123456789}\n", "endpoints[0].url", "http(s)");
        refused("endpoints:\n  - {name: a, url: 'https://x/y', keyId: k, secret: short}\n", "endpoints[0].keyId/secret", "16 bytes");
        refused("endpoints:\n  - {name: a, url: 'https://x/y', keyId: k}\n", "endpoints[0].secret", "exactly one of");
        refused("endpoints:\n  - {name: a, url: 'https://x/y', keyId: k, secretEnv: NOPE}\n", "endpoints[0].secretEnv", "$NOPE");
        refused("endpoints:\n  - {name: 'a b', url: 'https://x/y', keyId: k, secret: inline-secret-0123456789}\n", "endpoints[0].name", "1-64");
    }

    @Test
    void twoEndpointsWithOneNameShouldBeRefused() {
        String one = "  - {name: a, url: 'https://x/y', keyId: k, secret: inline-secret-0123456789}\n";
        refused("endpoints:\n" + one + one, "endpoints[1].name", "used by an earlier endpoint");
    }

    @Test
    void theFileNameShouldPrefixThePathOfAFileError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("webhooks.yaml");
        Files.writeString(f, endpoint("    batch: {maxAge: soon}\n"));
        assertThatThrownBy(() -> loader.load(f)).isInstanceOf(InvalidWebhooksConfigException.class)
                .hasMessageContaining(f + ": endpoints[0].batch.maxAge");
        assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"))).hasMessageContaining("cannot be read");
    }

    @Test
    void theExampleFileShouldLoadWithEveryTypeTheSourcesKnow() {
        WebhooksConfig c = new WebhooksConfigLoader(
                io.mailstream.webhooks.event.EventSources.defaults(new io.mailstream.schemas.registry.InMemorySchemaRegistry()).types(),
                Map.of("CRM_WEBHOOK_SECRET", "crm-secret-0123456789", "WAREHOUSE_WEBHOOK_SECRET", "warehouse-secret-0123"))
                .load(Path.of("../examples/webhooks/webhooks.yaml"));
        assertThat(c.endpoints()).extracting(EndpointConfig::name).containsExactly("crm", "warehouse");
        assertThat(c.endpoints().get(1).startFrom()).isEqualTo("earliest");
    }

    @Test
    void filtersShouldMatchOnTypeCampaignAndTenantAndEmptyMeansAll() {
        EndpointFilter f = new EndpointFilter(Set.of("bounced"), Set.of("c1"), Set.of("acme"));
        assertThat(f.matches(event("bounced", "c1", "acme"))).isTrue();
        assertThat(f.matches(event("delivered", "c1", "acme"))).isFalse();
        assertThat(f.matches(event("bounced", "c2", "acme"))).isFalse();
        assertThat(f.matches(event("bounced", null, "acme"))).as("transactional mail has no campaign").isFalse();
        assertThat(f.matches(event("bounced", "c1", "default"))).isFalse();
        assertThat(EndpointFilter.ALL.matches(event("anything", null, "default"))).isTrue();
        assertThat(f.acceptsAnyOf(Set.of("complaint"))).isFalse();
        assertThat(EndpointFilter.ALL.acceptsAnyOf(Set.of("complaint"))).isTrue();
    }

    private static WebhookEvent event(String type, String campaign, String tenant) {
        return new WebhookEvent("evt_1", type, Instant.EPOCH, "m1", campaign, tenant, "a@example.com", Map.of(), "t", 0, 0);
    }
}
