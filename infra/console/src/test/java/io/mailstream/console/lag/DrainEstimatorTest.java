package io.mailstream.console.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DrainEstimatorTest {
    private Instant now = Instant.parse("2026-12-03T12:00:00Z");
    private final DrainEstimator drain = new DrainEstimator(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    private static LagRow row(String group, int partition, long committed, long end, String owner) {
        return new LagRow(group, "mail.outbound", partition, OptionalLong.of(committed), end, end - committed, Optional.ofNullable(owner));
    }

    @Test
    void theDrainEtaShouldBeTheLagAtTheRateThePositionsMoved() {
        GroupHealth first = drain.observe(List.of(row("mailstream-dispatcher", 0, 1_000, 11_000, "d1"),
                row("mailstream-dispatcher", 1, 0, 10_000, "d2"))).getFirst();
        assertThat(first.ratePerSecond()).as("one reading has no rate").isEmpty();
        assertThat(first.drainEta()).isEmpty();
        assertThat(first.readiness()).isEqualTo(GroupHealth.Readiness.READY);
        assertThat(first.service()).isEqualTo("dispatchers");

        now = now.plusSeconds(10);
        GroupHealth later = drain.observe(List.of(row("mailstream-dispatcher", 0, 2_000, 11_000, "d1"),
                row("mailstream-dispatcher", 1, 1_000, 10_000, "d2"))).getFirst();

        assertThat(later.ratePerSecond()).contains(200.0);
        assertThat(later.lag()).isEqualTo(18_000);
        assertThat(later.drainEta()).contains(Duration.ofSeconds(90));
        assertThat(later.members()).isEqualTo(2);
    }

    @Test
    void readinessShouldSayWhatTheClusterShows() {
        drain.observe(List.of(row("mailstream-bounce-processor", 0, 5, 10, null), row("mailstream-api-status", 0, 5, 10, "a1"),
                row("mailstream-webhooks-crm", 0, 5, 10, "w1"), row("mailstream-webhooks-crm", 1, 5, 5, null)));
        now = now.plusSeconds(30);
        List<GroupHealth> health = drain.observe(List.of(row("mailstream-bounce-processor", 0, 5, 10, null),
                row("mailstream-api-status", 0, 5, 10, "a1"), row("mailstream-webhooks-crm", 0, 6, 10, "w1"),
                row("mailstream-webhooks-crm", 1, 5, 5, null)));

        assertThat(health).extracting(GroupHealth::group, GroupHealth::readiness).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mailstream-api-status", GroupHealth.Readiness.STALLED),
                org.assertj.core.groups.Tuple.tuple("mailstream-bounce-processor", GroupHealth.Readiness.DOWN),
                org.assertj.core.groups.Tuple.tuple("mailstream-webhooks-crm", GroupHealth.Readiness.DEGRADED));
        assertThat(health.get(0).drainEta()).as("behind and not moving: no ETA").isEmpty();
        assertThat(health.get(2).service()).isEqualTo("webhooks (crm)");
    }
}
