package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.address.Site;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rebalance must not let a permit through early: a shard's rate is evenly spaced (50/s over 4 shards:
 * one permit per 80 ms per shard), and the partition's new owner does not know when the old one granted
 * its last permit, so its first permit is spaced from the hand-over.
 */
class PartitionHandOverPacingTest {
    private static final DomainShards SHARDS = DomainShards.parse("site:microsoft=4");
    private static final Duration SPACING = Duration.ofMillis(80);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final PacedMessage mail = PacedMessage.of(
            RoutingKey.of(EmailAddress.parse("a@customer1.example"), Site.of("microsoft"), SHARDS).asString(), "customer1.example", 3);

    private Pacing owner() {
        TrafficPolicy policy = new TrafficPolicy("microsoft", new PolicyMatcher.Sites(Set.of(Site.of("microsoft"))),
                OptionalInt.of(50), OptionalInt.empty(), 100, 100, BreakerSettings.DEFAULTS);
        return new Pacing(new TrafficPolicies(List.of(policy), TrafficPolicy.defaults(), d -> List.of(), clock), SHARDS,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, clock);
    }

    private boolean admitted(Pacing pacing) {
        Object token = new Object();
        Admission a = pacing.admit(mail, token);
        pacing.release(token);
        return a instanceof Admission.Admitted;
    }

    @Test
    void theNewOwnerOfAPartitionShouldSpaceItsFirstPermitFromTheHandOver() {
        Pacing previous = owner();
        Pacing next = owner();
        assertThat(admitted(previous)).isTrue();
        Instant lastGrantOfThePrevious = clock.instant();

        clock.advance(Duration.ofMillis(10));
        next.partitionsAssigned(List.of(3));
        Instant handOver = clock.instant();
        Admission first = next.admit(mail, new Object());

        // a fresh limiter would grant at once, 10 ms after the previous owner's permit: two in one 80 ms slot
        assertThat(first).isEqualTo(new Admission.NotBefore(handOver.plus(SPACING)));
        clock.advance(SPACING.minusMillis(1));
        assertThat(admitted(next)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(admitted(next)).isTrue();
        assertThat(Duration.between(lastGrantOfThePrevious, clock.instant())).isGreaterThanOrEqualTo(SPACING);
    }

    @Test
    void aLimiterKeptFromAnEarlierOwnershipShouldAlsoWaitAfterThePartitionComesBack() {
        Pacing a = owner();
        assertThat(admitted(a)).isTrue();
        // the partition goes to another owner, which may grant at any time after 80 ms, and comes back 100 ms later
        clock.advance(Duration.ofMillis(100));
        a.partitionsAssigned(List.of(3));
        assertThat(admitted(a)).isFalse();
        clock.advance(SPACING);
        assertThat(admitted(a)).isTrue();
    }

    @Test
    void anAssignmentOfOtherPartitionsShouldNotDelayThisOnesKeys() {
        Pacing a = owner();
        assertThat(admitted(a)).isTrue();
        clock.advance(SPACING);
        a.partitionsAssigned(List.of(0, 1, 2, 4));
        assertThat(admitted(a)).isTrue();
    }
}
