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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hourly window of a shard (20/h over 2 shards: 10 per shard per hour) goes with its partition: the
 * owner reports what it counted (at most once a second while it grants, and on revoke) to the fleet's
 * store, and the next owner, or the same dispatcher after a restart, grants only what the hour leaves.
 */
class HourHandOverPacingTest {
    private static final DomainShards SHARDS = DomainShards.parse("site:microsoft=2");
    private static final int PER_SHARD = 10;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final CountingStore store = new CountingStore(AdaptiveStateStore.inMemory());
    private final PacedMessage mail = PacedMessage.of(
            RoutingKey.of(EmailAddress.parse("a@customer1.example"), Site.of("microsoft"), SHARDS).asString(), "customer1.example", 3);

    private Pacing owner(int perHour) {
        TrafficPolicy policy = new TrafficPolicy("microsoft", new PolicyMatcher.Sites(Set.of(Site.of("microsoft"))),
                OptionalInt.empty(), OptionalInt.of(perHour), 100, 100, BreakerSettings.DEFAULTS);
        return new Pacing(new TrafficPolicies(List.of(policy), TrafficPolicy.defaults(), d -> List.of(), clock), SHARDS,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, Pacing.DEFAULT_MAX_WAIT_IN_MEMORY,
                store, clock);
    }

    private Pacing owner() {
        return owner(2 * PER_SHARD);
    }

    private boolean admitted(Pacing pacing) {
        Object token = new Object();
        Admission a = pacing.admit(mail, token);
        pacing.release(token);
        return a instanceof Admission.Admitted;
    }

    /** Admits one message every {@code every} until refused or {@code max} admitted; how many were. */
    private int admitUpTo(Pacing pacing, int max, Duration every) {
        int n = 0;
        while (n < max && admitted(pacing)) {
            n++;
            clock.advance(every);
        }
        return n;
    }

    @Test
    void theNewOwnerOfAPartitionShouldGrantOnlyWhatThePreviousOwnerLeftOfTheHour() {
        Pacing previous = owner();
        assertThat(admitUpTo(previous, 6, Duration.ofMillis(300))).isEqualTo(6);
        previous.partitionsRevoked(List.of(3));
        Pacing next = owner();
        next.partitionsAssigned(List.of(3));

        // without the hand-over the new owner starts the hour from zero and grants all 10
        assertThat(admitUpTo(next, PER_SHARD, Duration.ofSeconds(1))).isEqualTo(PER_SHARD - 6);
    }

    @Test
    void aRestartedDispatcherShouldGoOnCountingTheHourFromItsLastReport() {
        Pacing before = owner();
        assertThat(admitUpTo(before, 7, Duration.ofSeconds(1))).isEqualTo(7);
        // a crash: no revoke; every grant a second or more apart was reported as it came

        Pacing after = owner();
        assertThat(admitUpTo(after, PER_SHARD, Duration.ofSeconds(1))).isEqualTo(PER_SHARD - 7);
    }

    @Test
    void thePermitsOfThePreviousOwnerShouldLeaveTheWindowAfterAnHour() {
        Pacing previous = owner();
        assertThat(admitUpTo(previous, PER_SHARD, Duration.ofMillis(100))).isEqualTo(PER_SHARD);
        previous.partitionsRevoked(List.of(3));
        Pacing next = owner();
        assertThat(admitted(next)).isFalse();

        // a bucket (1/60 of the window) later than strictly needed at most, never earlier
        clock.advance(Duration.ofHours(1).plus(Duration.ofMinutes(1)));
        assertThat(admitUpTo(next, PER_SHARD, Duration.ofSeconds(1))).isEqualTo(PER_SHARD);
    }

    @Test
    void anOwnerShouldNotCountItsOwnReportsTwice() {
        Pacing only = owner();
        // a report a second, each read back by this owner on its next admit: counting them again would stop it at 5 or 6
        assertThat(admitUpTo(only, PER_SHARD, Duration.ofSeconds(1))).isEqualTo(PER_SHARD);
        assertThat(store.hourPuts.get()).isEqualTo(PER_SHARD);
    }

    @Test
    void reportsShouldBeWrittenAtMostOnceASecondPerKeyPlusOnRevoke() {
        Pacing burst = owner(2000);
        assertThat(admitUpTo(burst, 100, Duration.ofMillis(5))).isEqualTo(100);
        assertThat(store.hourPuts.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        burst.partitionsRevoked(List.of(0, 1, 2, 4));
        assertThat(store.hourPuts.get()).as("other partitions' revoke").isEqualTo(1);
        burst.partitionsRevoked(List.of(3));
        assertThat(store.hourPuts.get()).isEqualTo(2);
        assertThat(store.hourReport(hourKey()).orElseThrow().permits().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(100);
        burst.partitionsRevoked(List.of(3));
        assertThat(store.hourPuts.get()).as("nothing granted since the last report").isEqualTo(2);
    }

    @Test
    void aPartitionThatComesBackShouldCountWhatTheInterimOwnerGranted() {
        Pacing a = owner();
        Pacing b = owner();
        assertThat(admitUpTo(a, 3, Duration.ofMillis(100))).isEqualTo(3);
        a.partitionsRevoked(List.of(3));
        b.partitionsAssigned(List.of(3));
        assertThat(admitUpTo(b, 4, Duration.ofMillis(100))).isEqualTo(4);
        b.partitionsRevoked(List.of(3));
        a.partitionsAssigned(List.of(3));

        // b reported 7 (a's 3 and its own 4); a counts them once more at worst, never fewer
        assertThat(admitUpTo(a, PER_SHARD, Duration.ofSeconds(1))).isLessThanOrEqualTo(PER_SHARD - 7);
    }

    private String hourKey() {
        return "hour|default|microsoft|" + mail.routingKey();
    }

    /** The in-memory store, counting the hourly reports written. */
    private static final class CountingStore implements AdaptiveStateStore {
        private final AdaptiveStateStore inner;
        final AtomicInteger hourPuts = new AtomicInteger();

        CountingStore(AdaptiveStateStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<SavedRate> get(String key) {
            return inner.get(key);
        }

        @Override
        public void put(String key, String policy, String target, SavedRate rate) {
            inner.put(key, policy, target, rate);
        }

        @Override
        public Optional<HourReport> hourReport(String key) {
            return inner.hourReport(key);
        }

        @Override
        public void putHourReport(String key, String policy, String routingKey, HourReport report) {
            hourPuts.incrementAndGet();
            inner.putHourReport(key, policy, routingKey, report);
        }
    }
}
