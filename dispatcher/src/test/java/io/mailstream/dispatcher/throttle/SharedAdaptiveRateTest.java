package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.Site;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The adaptive state of a site is the fleet's: kept in a store every dispatcher reads (in production
 * {@code mail.throttle-state}), so a restart keeps a slowed rate and a 421 seen by the owner of one
 * shard slows the owners of the site's other shards.
 */
class SharedAdaptiveRateTest {
    private static final DomainShards SHARDS = DomainShards.parse("site:google=2");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final AdaptiveStateStore fleet = AdaptiveStateStore.inMemory();
    private final TrafficPolicy google = new TrafficPolicy("google", new PolicyMatcher.Sites(Set.of(Site.of("google"))),
            OptionalInt.of(100), OptionalInt.empty(), 10, 100, BreakerSettings.DEFAULTS);

    private Pacing dispatcher() {
        return new Pacing(new TrafficPolicies(List.of(google), TrafficPolicy.defaults(), d -> List.of(), clock), SHARDS,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, Pacing.DEFAULT_MAX_WAIT_IN_MEMORY, fleet, clock);
    }

    private static MailMessage to(String key, String domain) {
        return Fixtures.campaignMessage("c", "someone@" + domain, Map.of()).setRoutingKey(key).build();
    }

    private static DeliveryOutcome slowDown() {
        SmtpReply r = SmtpReply.of(421, "4.7.28 unusual rate of unsolicited mail");
        return new DeliveryOutcome.Deferred(Optional.of(r), r.text(), "mx");
    }

    @Test
    void a421SeenByOneShardsOwnerShouldSuspendTheSitesOtherShardOnAnotherDispatcher() {
        Pacing ownerOfShard0 = dispatcher();
        Pacing ownerOfShard1 = dispatcher();
        assertThat(ownerOfShard1.admit(PacedMessage.of("site:google#1", "b.example", 0), new Object()))
                .isInstanceOf(Admission.Admitted.class);

        ownerOfShard0.observed(to("site:google#0", "a.example"), slowDown());

        assertThat(ownerOfShard1.admit(PacedMessage.of("site:google#1", "b.example", 0), new Object()))
                .isInstanceOf(Admission.NotBefore.class);
        assertThat(ownerOfShard1.snapshot()).singleElement().satisfies(s -> assertThat(s.factor()).isEqualTo(0.5));
    }

    @Test
    void aRestartedDispatcherShouldKeepTheSlowedRateAndItsSuspension() {
        Pacing before = dispatcher();
        before.observed(to("site:google#0", "a.example"), slowDown());
        clock.advance(Duration.ofSeconds(5));

        Pacing restarted = dispatcher();

        assertThat(restarted.admit(PacedMessage.of("site:google#0", "a.example", 0), new Object()))
                .isEqualTo(new Admission.NotBefore(Instant.parse("2026-11-23T10:00:30Z")));
        clock.advance(Duration.ofMinutes(1));
        assertThat(restarted.admit(PacedMessage.of("site:google#0", "a.example", 0), new Object()))
                .isInstanceOf(Admission.Admitted.class);
        assertThat(restarted.snapshot()).singleElement().satisfies(s -> {
            assertThat(s.domain()).isEqualTo("site:google");
            assertThat(s.factor()).as("still half the cap after the cool-off").isEqualTo(0.5);
        });
    }

    @Test
    void recoveryShouldBeSharedToo() {
        Pacing a = dispatcher();
        Pacing b = dispatcher();
        a.observed(to("site:google#0", "a.example"), slowDown());
        clock.advance(Duration.ofMinutes(1));
        DeliveryOutcome ok = new DeliveryOutcome.Delivered(SmtpReply.of(250, "2.0.0 ok"), "mx");
        for (int i = 0; i < AdaptiveSettings.DEFAULTS.increaseEvery(); i++) {
            a.observed(to("site:google#0", "a.example"), ok);
        }
        clock.advance(Duration.ofMillis(1));

        b.admit(PacedMessage.of("site:google#1", "b.example", 0), new Object());
        assertThat(b.snapshot()).singleElement().satisfies(s -> assertThat(s.factor()).isEqualTo(0.6, org.assertj.core.api.Assertions.within(1e-9)));
    }
}
