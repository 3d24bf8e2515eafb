package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.policy.BreakerSettings;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.queue.DomainQueues;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacingTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));

    private static TrafficPolicy policy(String name, String domain, Integer perSecond, Integer perHour, int connections) {
        return new TrafficPolicy(name, new PolicyMatcher.Domains(Set.of(Domain.of(domain))),
                perSecond == null ? OptionalInt.empty() : OptionalInt.of(perSecond),
                perHour == null ? OptionalInt.empty() : OptionalInt.of(perHour), connections, 100, BreakerSettings.DEFAULTS);
    }

    private Pacing pacing(DomainShards shards, TrafficPolicy... policies) {
        return new Pacing(new TrafficPolicies(List.of(policies), TrafficPolicy.defaults(), d -> List.of(), clock), shards,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, clock);
    }

    /** Admits (and immediately releases) as many messages for {@code key} as the pacing allows, every {@code step} for {@code total}. */
    private List<Instant> drive(Pacing pacing, List<String> keys, Duration step, Duration total) {
        List<Instant> grants = new ArrayList<>();
        Instant end = clock.instant().plus(total);
        while (clock.instant().isBefore(end)) {
            for (String key : keys) {
                Object token = new Object();
                while (pacing.admit(PacedMessage.of(key, 0), token) instanceof Admission.Admitted) {
                    grants.add(clock.instant());
                    pacing.release(token);
                    token = new Object();
                }
            }
            clock.advance(step);
        }
        return grants;
    }

    private static int maxPerWindow(List<Instant> grants, Duration window) {
        List<Instant> sorted = grants.stream().sorted().toList();
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (j < sorted.size() && sorted.get(j).isBefore(sorted.get(i).plus(window))) {
                j++;
            }
            max = Math.max(max, j - i);
        }
        return max;
    }

    @Test
    void domainLimitedToRPerSecondShouldNeverExceedRInAnyWindowAcrossItsShards() {
        Pacing pacing = pacing(DomainShards.parse("gmail.com=4"), policy("gmail", "gmail.com", 20, null, 100));

        List<Instant> grants = drive(pacing, List.of("gmail.com#0", "gmail.com#1", "gmail.com#2", "gmail.com#3"),
                Duration.ofMillis(5), Duration.ofSeconds(10));

        assertThat(maxPerWindow(grants, Duration.ofSeconds(1))).isLessThanOrEqualTo(20);
        assertThat(grants).hasSizeBetween(190, 200);
    }

    @Test
    void eachShardShouldGetItsShareOfTheHourlyBudget() {
        Pacing pacing = pacing(DomainShards.parse("gmail.com=4"), policy("gmail", "gmail.com", null, 1000, 100));

        List<Instant> oneShard = drive(pacing, List.of("gmail.com#2"), Duration.ofMinutes(1), Duration.ofHours(1));

        assertThat(oneShard).hasSize(250);
    }

    @Test
    void connectionLimitOfAPolicyShouldHoldUnderManyConcurrentMessages() throws Exception {
        Pacing pacing = pacing(DomainShards.NONE, policy("tight", "tight.example", null, null, 3));
        DomainQueues<MailMessage> queues = new DomainQueues<>(MailMessage::getRoutingKey, m -> false, 50);
        queues.useGate(pacing.gate(m -> PacedMessage.of(m.getRoutingKey(), 0)), clock);
        for (int i = 0; i < 300; i++) {
            queues.offer(Fixtures.campaignMessage("c", "user" + i + "@tight.example", Map.of()).build());
        }
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 16; w++) {
            Thread t = new Thread(() -> {
                try {
                    MailMessage m;
                    while ((m = queues.take(Duration.ofMillis(200))) != null) {
                        int now = active.incrementAndGet();
                        maxActive.accumulateAndGet(now, Math::max);
                        Thread.onSpinWait();
                        active.decrementAndGet();
                        done.incrementAndGet();
                        queues.done(m);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "pacing-test-worker-" + w);
            workers.add(t);
            t.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == 300);
        for (Thread t : workers) {
            t.join();
        }
        assertThat(maxActive.get()).isBetween(1, 3);
        assertThat(pacing.inFlight("tight")).isZero();
    }

    @Test
    void aBacklogThatSendsNothingShouldPassTheGateWithoutSpendingTheDestinationsRateOrDelayingTheMailBehindIt()
            throws Exception {
        Pacing pacing = pacing(DomainShards.NONE, policy("slow", "slow.example", 1, null, 10));
        DomainQueues<MailMessage> queues = new DomainQueues<>(MailMessage::getRoutingKey, m -> false, 100);
        // as the dispatcher's workers do: the messages of a cancelled campaign make no SMTP transaction
        queues.useGate(pacing.gate(m -> PacedMessage.of(m.getRoutingKey(), 0), m -> "cancelled".equals(m.getCampaignId())),
                clock);
        for (int i = 0; i < 30; i++) {
            queues.offer(Fixtures.campaignMessage("cancelled", "user" + i + "@slow.example", Map.of()).build());
        }
        queues.offer(Fixtures.campaignMessage("live", "first@slow.example", Map.of()).build());
        queues.offer(Fixtures.campaignMessage("live", "second@slow.example", Map.of()).build());

        // the clock stands still: at 1 per second only one message may go, yet the whole backlog passes
        List<String> taken = new ArrayList<>();
        MailMessage m;
        while ((m = queues.take(Duration.ofMillis(100))) != null) {
            taken.add(m.getTo());
            queues.done(m);
        }
        assertThat(taken).hasSize(30).allMatch(to -> to.startsWith("user"));

        // the live mail behind it waits for one permit each, not for thirty seconds of the backlog's pace
        clock.advance(Duration.ofSeconds(1));
        MailMessage first = queues.take(Duration.ofSeconds(1));
        assertThat(first).isNotNull();
        assertThat(first.getTo()).isEqualTo("first@slow.example");
        queues.done(first);
        assertThat(queues.take(Duration.ofMillis(100))).as("the rate still holds for mail that is sent").isNull();
        clock.advance(Duration.ofSeconds(1));
        MailMessage second = queues.take(Duration.ofSeconds(1));
        assertThat(second).isNotNull();
        assertThat(second.getTo()).isEqualTo("second@slow.example");
        queues.done(second);
    }

    private static MailMessage to(String domain) {
        return Fixtures.campaignMessage("c", "someone@" + domain, Map.of()).build();
    }

    private static DeliveryOutcome reply(int code, String text) {
        SmtpReply r = SmtpReply.of(code, text);
        return code < 300 ? new DeliveryOutcome.Delivered(r, "mx") : new DeliveryOutcome.Deferred(java.util.Optional.of(r), text, "mx");
    }

    @Test
    void a421ShouldHalveTheRateSuspendTheDomainAndRecoveryShouldBeGradual() {
        Pacing pacing = pacing(DomainShards.NONE, policy("yahoo", "yahoo.com", 100, null, 100));
        pacing.observed(to("yahoo.com"), reply(421, "4.7.0 [TSS04] Messages temporarily deferred due to user complaints"));

        Object token = new Object();
        Admission suspended = pacing.admit(PacedMessage.of("yahoo.com", 0), token);
        assertThat(suspended).isEqualTo(new Admission.NotBefore(clock.instant().plus(AdaptiveSettings.DEFAULTS.coolOff())));
        assertThat(pacing.snapshot()).singleElement().satisfies(s -> {
            assertThat(s.policy()).isEqualTo("yahoo");
            assertThat(s.factor()).isEqualTo(0.5);
            assertThat(s.ratePerSecond().getAsDouble()).isEqualTo(50.0);
            assertThat(s.suspendedUntil()).isPresent();
        });

        clock.advance(AdaptiveSettings.DEFAULTS.coolOff());
        List<Instant> halved = drive(pacing, List.of("yahoo.com"), Duration.ofMillis(2), Duration.ofSeconds(2));
        assertThat(maxPerWindow(halved, Duration.ofSeconds(1))).isEqualTo(50);

        for (int i = 0; i < AdaptiveSettings.DEFAULTS.increaseEvery(); i++) {
            pacing.observed(to("yahoo.com"), reply(250, "2.0.0 ok"));
        }
        assertThat(pacing.snapshot()).singleElement().satisfies(s -> assertThat(s.factor()).isEqualTo(0.6));
        List<Instant> oneStepUp = drive(pacing, List.of("yahoo.com"), Duration.ofMillis(2), Duration.ofSeconds(2));
        // 60/s is one permit every 16.7 ms; sampled every 2 ms that is one per 18 ms
        assertThat(maxPerWindow(oneStepUp, Duration.ofSeconds(1))).isBetween(55, 60);

        for (int i = 0; i < AdaptiveSettings.DEFAULTS.increaseEvery() * 10; i++) {
            pacing.observed(to("yahoo.com"), reply(250, "2.0.0 ok"));
        }
        assertThat(pacing.snapshot()).isEmpty(); // back to normal, nothing to report
    }

    @Test
    void slowDownOfOneDomainShouldNotTouchAnother() {
        Pacing pacing = pacing(DomainShards.NONE, policy("yahoo", "yahoo.com", 100, null, 100));
        pacing.observed(to("yahoo.com"), reply(451, "4.7.1 rate limited"));

        assertThat(pacing.admit(PacedMessage.of("yahoo.com", 0), new Object())).isInstanceOf(Admission.NotBefore.class);
        assertThat(pacing.admit(PacedMessage.of("other.example", 0), new Object())).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void mailWaitingHoursForItsWarmUpBudgetShouldOverflowToKafkaAndShortWaitsStayInMemory() {
        Instant tomorrow = clock.instant().plus(Duration.ofHours(14));
        Instant nextHour = clock.instant().plus(Duration.ofMinutes(10));
        Instant[] reopens = {tomorrow};
        WarmupBudget spent = (pool, policy, partition, now) -> java.util.Optional.of(reopens[0]);
        Pacing pacing = new Pacing(new TrafficPolicies(List.of(), TrafficPolicy.defaults(), d -> List.of(), clock), DomainShards.NONE,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, spent, Duration.ofMinutes(15), clock);
        Object token = new Object();

        assertThat(pacing.admit(PacedMessage.of("x.example", 3), token)).isEqualTo(new Admission.Overflow(tomorrow));
        reopens[0] = nextHour;
        assertThat(pacing.admit(PacedMessage.of("x.example", 3), token)).isEqualTo(new Admission.NotBefore(nextHour));
        assertThat(pacing.inFlight("default|x.example")).isZero(); // nothing held for mail that did not go
    }

    @Test
    void overflowShouldUseTheLongestRetryDelayThatDoesNotOvershootAndKeepTheAttempt() {
        MailMessage m = Fixtures.campaignMessage("c", "a@x.example", Map.of()).setAttempt(2).build();
        Instant now = clock.instant();

        var overnight = OverflowRetry.of(m, now, now.plus(Duration.ofHours(14)));
        assertThat(overnight.topic()).isEqualTo("mail.retry.360m");
        assertThat(overnight.notBefore()).isEqualTo(now.plus(Duration.ofHours(6)));
        assertThat(overnight.attempt()).isEqualTo(2);

        var soon = OverflowRetry.of(m, now, now.plus(Duration.ofMinutes(40)));
        assertThat(soon.topic()).isEqualTo("mail.retry.30m");
        assertThat(OverflowRetry.of(m, now, now.plusSeconds(20)).topic()).isEqualTo("mail.retry.1m");
    }

    @Test
    void stateOfManyDomainsShouldStayBoundedWithoutLosingAThrottle() {
        TrafficPolicy everyDomain = new TrafficPolicy("default", new PolicyMatcher.Everything(), OptionalInt.of(1),
                OptionalInt.empty(), 8, 100, BreakerSettings.DEFAULTS);
        Pacing pacing = new Pacing(new TrafficPolicies(List.of(), everyDomain, d -> List.of(), clock), DomainShards.NONE,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, clock);
        pacing.observed(to("slow.example"), reply(421, "4.7.0 try again later"));
        Object token = new Object();
        assertThat(pacing.admit(PacedMessage.of("busy.example", 0), token)).isEqualTo(Admission.ADMITTED);
        pacing.release(token);

        int most = 0;
        for (int batch = 0; batch < 4; batch++) {
            for (int i = 0; i < Pacing.PRUNE_AT; i++) {
                Object t = new Object();
                pacing.admit(PacedMessage.of("d" + batch + "-" + i + ".example", 0), t);
                pacing.release(t);
                most = Math.max(most, pacing.limiterCount());
            }
            clock.advance(Duration.ofSeconds(2)); // every 1/s limiter of the batch is free again
        }
        assertThat(most).isLessThanOrEqualTo(2 * Pacing.PRUNE_AT + 1);

        // what still matters survived: the suspension, and busy.example's limiter (recreated, same behaviour)
        assertThat(pacing.admit(PacedMessage.of("slow.example", 0), new Object())).isInstanceOf(Admission.NotBefore.class);
        assertThat(pacing.snapshot()).extracting(ThrottleState::domain).containsExactly("slow.example");
    }

    @Test
    void bouncesAndDeadPortsShouldNotSlowADomainDown() {
        Pacing pacing = pacing(DomainShards.NONE, policy("yahoo", "yahoo.com", 100, null, 100));
        pacing.observed(to("yahoo.com"), new DeliveryOutcome.Bounced(SmtpReply.of(550, "5.1.1 user unknown"), "mx"));
        pacing.observed(to("yahoo.com"), DeliveryOutcome.Deferred.noReply("connection refused", "mx"));
        pacing.observed(to("yahoo.com"), reply(451, "4.3.0 temporary local problem"));

        assertThat(pacing.snapshot()).isEmpty();
        assertThat(pacing.admit(PacedMessage.of("yahoo.com", 0), new Object())).isEqualTo(Admission.ADMITTED);
    }

    private Pacing pacingReserving(int reserved, DomainShards shards, TrafficPolicy... policies) {
        return new Pacing(new TrafficPolicies(List.of(policies), TrafficPolicy.defaults(), d -> List.of(), clock), shards,
                PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS, WarmupBudget.NONE, Pacing.DEFAULT_MAX_WAIT_IN_MEMORY,
                AdaptiveStateStore.inMemory(), reserved, clock);
    }

    private static PacedMessage campaignTo(String key) {
        return new PacedMessage(key, java.util.Optional.empty(), java.util.Optional.of("newsletter"), 0);
    }

    /** Admits messages one after the other (none released) until the gate answers something else; returns how many. */
    private static int admitUntilRefused(Pacing pacing, PacedMessage m, List<Object> held) {
        int n = 0;
        Object token = new Object();
        while (pacing.admit(m, token) instanceof Admission.Admitted) {
            held.add(token);
            token = new Object();
            n++;
        }
        return n;
    }

    @Test
    void campaignMailShouldNeverTakeTheConnectionsReservedForTransactionalMailWithinThePolicyTotal() {
        Pacing pacing = pacingReserving(1, DomainShards.NONE, policy("slow", "slow.example", null, null, 3));
        List<Object> campaignTokens = new ArrayList<>();
        List<Object> transactionalTokens = new ArrayList<>();

        // a campaign saturates what it may hold: 3 less the 1 reserved
        assertThat(admitUntilRefused(pacing, campaignTo("slow.example"), campaignTokens)).isEqualTo(2);
        assertThat(pacing.admit(campaignTo("slow.example"), new Object())).isEqualTo(Admission.BUSY);
        // the transactional lane still gets the reserved connection at once, and never more than the policy's total
        assertThat(admitUntilRefused(pacing, PacedMessage.of("slow.example", 0).asTransactional(), transactionalTokens)).isEqualTo(1);
        assertThat(pacing.inFlight("slow")).isEqualTo(3);

        // transactional mail borrows what the campaign leaves idle, and the campaign cannot take the reserve back
        pacing.release(campaignTokens.removeFirst());
        pacing.release(campaignTokens.removeFirst());
        assertThat(admitUntilRefused(pacing, PacedMessage.of("slow.example", 0).asTransactional(), transactionalTokens)).isEqualTo(2);
        transactionalTokens.forEach(pacing::release);
        transactionalTokens.clear();
        assertThat(admitUntilRefused(pacing, campaignTo("slow.example"), campaignTokens)).isEqualTo(2);
        assertThat(pacing.inFlight("slow")).isEqualTo(2);
    }

    @Test
    void reservedConnectionsShouldApplyToEachShardsShareAndLeaveCampaignMailAtLeastOne() {
        // 4 connections over 2 shards: 2 each; one reserved in each shard's share
        Pacing sharded = pacingReserving(1, DomainShards.parse("big.example=2"), policy("big", "big.example", null, null, 4));
        assertThat(admitUntilRefused(sharded, campaignTo("big.example#0"), new ArrayList<>())).isEqualTo(1);
        assertThat(admitUntilRefused(sharded, campaignTo("big.example#1"), new ArrayList<>())).isEqualTo(1);
        assertThat(admitUntilRefused(sharded, PacedMessage.of("big.example#0", 0).asTransactional(), new ArrayList<>())).isEqualTo(1);
        assertThat(sharded.inFlight("big")).isEqualTo(3);

        // a destination allowing one connection keeps it for campaign mail: reserving it would stop the campaign
        Pacing single = pacingReserving(1, DomainShards.NONE, policy("one", "one.example", null, null, 1));
        assertThat(admitUntilRefused(single, campaignTo("one.example"), new ArrayList<>())).isEqualTo(1);
        assertThat(single.admit(PacedMessage.of("one.example", 0).asTransactional(), new Object())).isEqualTo(Admission.BUSY);

        // no reservation: the lanes share the whole limit, as before issue 14
        Pacing none = pacingReserving(0, DomainShards.NONE, policy("slow", "slow.example", null, null, 3));
        assertThat(admitUntilRefused(none, campaignTo("slow.example"), new ArrayList<>())).isEqualTo(3);
    }
}
