package io.mailstream.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.warmup.WarmupDay;
import io.mailstream.schemas.address.Domain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacingPropertiesTest {

    private static Map<String, String> props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldReadPoliciesPoolsBackoffAndWarmUp() {
        PacingConfig c = PacingProperties.parse(props(
                "policy.google.domains", "gmail.com, googlemail.com",
                "policy.google.max-per-second", "50",
                "policy.google.max-per-hour", "100000",
                "policy.google.max-connections", "10",
                "policy.google.breaker.open-duration", "2m",
                "policy.microsoft.mx-suffix", ".mail.protection.outlook.com",
                "policy.microsoft.max-per-second", "20",
                "policy.default.max-connections", "4",
                "domain-shards", "gmail.com=8",
                "aimd.cool-off", "45s",
                "warmup.newip.pool", "bulk",
                "warmup.newip.start", "2026-12-01",
                "warmup.newip.day.1", "50/10",
                "warmup.newip.day.2", "100 / 20",
                "warmup.partitions", "24",
                "warmup.max-wait-in-memory", "1h"));

        TrafficPolicy google = c.policies().stream().filter(p -> p.name().equals("google")).findFirst().orElseThrow();
        assertThat(google.matcher()).isEqualTo(new PolicyMatcher.Domains(java.util.Set.of(Domain.of("gmail.com"), Domain.of("googlemail.com"))));
        assertThat(google.maxPerSecond()).hasValue(50);
        assertThat(google.maxPerHour()).hasValue(100_000);
        assertThat(google.maxConnections()).isEqualTo(10);
        assertThat(google.breaker().openDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.policies()).extracting(TrafficPolicy::name).containsExactly("google", "microsoft");
        assertThat(c.defaultPolicy().maxConnections()).isEqualTo(4);
        assertThat(c.defaultPolicy().maxPerSecond()).isEmpty();
        assertThat(c.shards().shardsFor(Domain.of("gmail.com"))).isEqualTo(8);
        assertThat(c.adaptive().coolOff()).isEqualTo(Duration.ofSeconds(45));
        assertThat(c.warmups()).singleElement().satisfies(w -> {
            assertThat(w.pool()).isEqualTo("bulk");
            assertThat(w.policy()).isEmpty();
            assertThat(w.start()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(w.days()).containsExactly(new WarmupDay(1, 50, 10), new WarmupDay(2, 100, 20));
        });
        assertThat(c.warmupPartitions()).isEqualTo(24);
        assertThat(c.warmupMaxWaitInMemory()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void noPropertiesShouldMeanTheDefaults() {
        assertThat(PacingProperties.parse(Map.of())).isEqualTo(PacingConfig.defaults());
    }

    private static void assertInvalid(Map<String, String> p, String key, String reason) {
        assertThatThrownBy(() -> PacingProperties.parse(p)).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void everyProblemShouldNameItsKey() {
        assertInvalid(props("policy.google.max-per-secnod", "5"), "policy.google.max-per-secnod", "unknown policy setting");
        assertInvalid(props("policy.google.max-per-second", "5"), "policy.google.domains", "exactly one of");
        assertInvalid(props("policy.google.domains", "gmail.com", "policy.google.max-per-second", "0"),
                "policy.google.max-per-second", "at least 1");
        assertInvalid(props("policy.google.domains", "gmail.com", "policy.google.max-per-hour", "lots"),
                "policy.google.max-per-hour", "whole number");
        assertInvalid(props("policy.google.domains", "gmail..com"), "policy.google.domains", "gmail..com");
        assertInvalid(props("policy.a.domains", "x.example", "policy.b.domains", "X.example"), "policy.b.domains", "another policy");
        assertInvalid(props("policy.default.domains", "x.example"), "policy.default.domains", "matches everything");
        assertInvalid(props("policy.m.mx-suffix", "."), "policy.m.mx-suffix", "must not be empty");
        assertInvalid(props("policy.g.domains", "g.example", "policy.g.breaker.open-duration", "soon"),
                "policy.g.breaker.open-duration", "not a duration");
        assertInvalid(props("aimd.decrease-factor", "1.5"), "aimd.decrease-factor", "(0,1)");
        assertInvalid(props("sending-pool.campaign", "bulk"), "sending-pool.campaign", "unknown pacing setting");
        assertInvalid(props("domain-shards", "gmail.com=0"), "domain-shards", "1..1024");
        assertInvalid(props("throttle.gmail", "5"), "throttle.gmail", "unknown pacing setting");
        assertInvalid(props("warmup.w.start", "2026-12-01", "warmup.w.day.1", "5/1"), "warmup.w.pool", "is required");
        assertInvalid(props("warmup.w.pool", "default", "warmup.w.day.1", "5/1"), "warmup.w.start", "is required");
        assertInvalid(props("warmup.w.pool", "default", "warmup.w.start", "1 Dec", "warmup.w.day.1", "5/1"), "warmup.w.start", "ISO date");
        assertInvalid(props("warmup.w.pool", "default", "warmup.w.start", "2026-12-01", "warmup.w.day.1", "5/1",
                "warmup.w.day.3", "9/2"), "warmup.w.day.2", "is missing");
        assertInvalid(props("warmup.w.pool", "default", "warmup.w.start", "2026-12-01", "warmup.w.day.1", "500"),
                "warmup.w.day.1", "<max per day>/<max per hour>");
        assertInvalid(props("warmup.w.pool", "default", "warmup.w.start", "2026-12-01", "warmup.w.day.1", "5/1",
                "warmup.w.policy", "nosuch"), "warmup.w.policy", "no policy is named 'nosuch'");
        assertInvalid(props("warmup.partitions", "0"), "warmup.partitions", "at least 1");
    }

    @Test
    void shouldLoadAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pacing.properties");
        Files.writeString(f, "policy.yahoo.domains=yahoo.com\npolicy.yahoo.max-per-second=5\nwarmup.w.pool=default\n"
                + "warmup.w.policy=yahoo\nwarmup.w.start=2026-12-01\nwarmup.w.day.1=10/5\n");

        PacingConfig c = PacingProperties.load(f);

        assertThat(c.policies()).singleElement().satisfies(p -> assertThat(p.maxPerSecond()).hasValue(5));
        assertThat(c.warmups()).singleElement().satisfies(w -> assertThat(w.policy()).isEqualTo(Optional.of("yahoo")));
        assertThatThrownBy(() -> PacingProperties.load(dir.resolve("missing.properties")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.key()).isEqualTo("pacing.config"));
    }
}
