package io.mailstream.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.lane.MailLane;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.support.Fixtures;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LaneMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LaneMetrics metrics = new LaneMetrics(registry);
    private final DeliveryOutcome delivered = new DeliveryOutcome.Delivered(SmtpReply.of(250, "250 ok"), "mx");

    private double count(String lane, String tenant, String priority, String outcome) {
        var c = registry.find(LaneMetrics.LANE_MESSAGES).tags("lane", lane, "tenant", tenant, "priority", priority,
                "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void messagesShouldBeCountedByLaneTenantPriorityAndOutcomeAndTheLatencyFromAcceptToReplyRecorded() {
        metrics.decided(Fixtures.transactional("t@example.org", "Reset", "x").setTenant("acme").build(),
                MailLane.TRANSACTIONAL, delivered, Fixtures.NOW.plusMillis(800));
        metrics.decided(Fixtures.campaignMessage("c1", "a@example.com", Map.of()).setPriority(5).build(),
                MailLane.CAMPAIGN, delivered, Fixtures.NOW.plusSeconds(30));
        metrics.decided(Fixtures.campaignMessage("c1", "b@example.com", Map.of()).build(), MailLane.CAMPAIGN,
                new DeliveryOutcome.Rejected("bad address"), Fixtures.NOW.plusSeconds(1));

        assertThat(count("transactional", "acme", "normal", "delivered")).isEqualTo(1);
        assertThat(count("campaign", "none", "high", "delivered")).isEqualTo(1);
        assertThat(count("campaign", "none", "normal", "rejected")).isEqualTo(1);
        Timer tx = registry.find(LaneMetrics.ACCEPT_TO_REPLY).tags("lane", "transactional").timer();
        assertThat(tx.count()).isEqualTo(1);
        assertThat(tx.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(800);
        assertThat(registry.find(LaneMetrics.ACCEPT_TO_REPLY).tags("lane", "campaign").timer().count())
                .as("no SMTP reply, no latency").isEqualTo(1);
    }

    @Test
    void tenantsBeyondTheBoundShouldCountAsOther() {
        for (int i = 0; i <= LaneMetrics.MAX_TENANTS; i++) {
            metrics.decided(Fixtures.transactional("t@example.org", "Reset", "x").setTenant("t" + i).build(),
                    MailLane.TRANSACTIONAL, delivered, Fixtures.NOW.plus(Duration.ofMillis(1)));
        }

        assertThat(count("transactional", "t0", "normal", "delivered")).isEqualTo(1);
        assertThat(count("transactional", "other", "normal", "delivered")).isEqualTo(1);
    }
}
