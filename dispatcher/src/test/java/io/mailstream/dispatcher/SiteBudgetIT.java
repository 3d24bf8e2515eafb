package io.mailstream.dispatcher;

import static io.mailstream.dispatcher.support.SiteFleet.accepted;
import static io.mailstream.dispatcher.support.SiteFleet.ehloOf;
import static io.mailstream.dispatcher.support.SiteFleet.maxConcurrent;
import static io.mailstream.dispatcher.support.SiteFleet.maxStartedPerWindow;
import static io.mailstream.dispatcher.support.SiteFleet.rate;
import static io.mailstream.dispatcher.support.SiteFleet.siteState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.support.SiteFleet;
import io.mailstream.dispatcher.throttle.ThrottleState;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.testkit.PipelineStackConfig;
import io.mailstream.testkit.PipelineStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A site's budget holds across the fleet, on the real embedded broker: dispatchers of one group share
 * the four shards of a site ({@code google}) of 200 domains; a receiving sink records when each
 * transaction started and ended and which dispatcher (EHLO name) opened it. One stack for the class
 * ({@link SiteFleet}: each test its own group, starting at the end of the mail topics, and its own policy).
 */
class SiteBudgetIT {
    @RegisterExtension
    // 12 partitions, as in production: the shards' partitions then spread over two and three dispatchers (the default 3 would not)
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass(PipelineStackConfig.defaults().withOutboundPartitions(12));

    private static final int MESSAGES = 300;
    private static final EmailAddress SLOW_DOWN_TRIGGER = EmailAddress.parse("someone@throttled.example");
    private static final SinkRule SLOW_DOWN = SinkRule.deferDomain(Domain.of("throttled.example"), 421, "4.7.0",
            "Try again later, closing connection");

    @ParameterizedTest(name = "{0} dispatchers")
    @ValueSource(ints = {2, 3})
    void dispatchersShouldHoldASitesRateAndConnectionsInTotal(int dispatchers) throws Exception {
        // 8 shards: their partitions (3; 5, 6; 8, 9) fall in each third of the 12, so every one of three dispatchers owns some
        SiteFleet fleet = fleet("site-budget-" + dispatchers, 8);
        List<SinkTransaction> transactions = new CopyOnWriteArrayList<>();
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults(), transactions::add)) {
            DispatcherConfig.Builder config = fleet.config(sink, SiteFleet.sitePolicy("budget" + dispatchers, 50, 10));
            List<Dispatcher> fleetMembers = new ArrayList<>();
            try {
                for (int i = 0; i < dispatchers; i++) {
                    fleetMembers.add(fleet.dispatcher(config, "budget" + dispatchers + "-" + i));
                }
                fleet.startAndAwaitAssignment(fleetMembers);
                fleet.publish("workspace", MESSAGES, 200);
                assertThat(sink.awaitCount(MESSAGES, Duration.ofMinutes(2))).as("every message delivered").isTrue();
            } finally {
                fleet.closeTogether(fleetMembers);
            }
        }
        List<SinkTransaction> accepted = accepted(transactions);
        assertThat(accepted).hasSize(MESSAGES);
        Set<String> senders = new HashSet<>();
        accepted.forEach(t -> senders.add(t.helo()));
        int maxPerTwoSeconds = maxStartedPerWindow(accepted, Duration.ofSeconds(2));
        int maxConcurrent = maxConcurrent(accepted);
        System.out.printf("site budget, %d dispatchers (%d sent): %d messages at %.1f/s, at most %d in any 2 seconds, at most %d at once%n",
                dispatchers, senders.size(), MESSAGES, rate(accepted), maxPerTwoSeconds, maxConcurrent);
        assertThat(senders).as("every dispatcher sends its shards' share").hasSize(dispatchers);
        // each shard is evenly spaced at 50/8 per second: any 2 seconds see at most 8 x (floor(2 x 50/8) + 1) = 104
        assertThat(maxPerTwoSeconds).as("50/s for the whole site, within 10 %, over any 2 seconds").isLessThanOrEqualTo(110);
        assertThat(rate(accepted)).as("the total rate").isLessThanOrEqualTo(55.0);
        assertThat(maxConcurrent).as("10 connections for the whole site").isLessThanOrEqualTo(10);
    }

    /**
     * The 421 reaches one dispatcher (the owner of the trigger's shard); the fleet's adaptive state
     * ({@code mail.throttle-state}) suspends the other's shards too, for {@code aimd.cool-off}, then both
     * send at half the rate until a run of successes restores it.
     */
    @Test
    void a421AnsweredToOneDispatcherShouldSlowTheWholeFleetForTheSiteAndThenRecover() throws Exception {
        String policy = "slowed";
        Duration coolOff = Duration.ofSeconds(3);
        SiteFleet fleet = fleet("site-slow-down", 4);
        List<SinkTransaction> transactions = new CopyOnWriteArrayList<>();
        Map<String, Double> slowedOn = new ConcurrentHashMap<>();
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults().withRules(List.of(SLOW_DOWN)), transactions::add)) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy(policy, 50, 10));
            pacing.putAll(Map.of("aimd.cool-off", "3s", "aimd.decrease-factor", "0.5",
                    // 40 successes in a row on one dispatcher (>= 1.6 s at the halved 25/s) restore the full rate
                    "aimd.increase-every", "40", "aimd.increase-step", "0.5"));
            DispatcherConfig.Builder config = fleet.config(sink, pacing);
            try (Dispatcher a = fleet.dispatcher(config, "slow-a"); Dispatcher b = fleet.dispatcher(config, "slow-b")) {
                // 4 shards on partitions 8, 5, 5, 9: one dispatcher of two owns 5, the other 8 and 9
                fleet.startAndAwaitAssignment(List.of(a, b));
                fleet.publish("before", 60, 60);
                assertThat(sink.awaitCount(60, Duration.ofMinutes(1))).as("the mail before the 421").isTrue();

                // the trigger first, so that it heads its shard's queue: the 421 comes while the fleet sends the rest
                fleet.publish(List.of(SLOW_DOWN_TRIGGER));
                fleet.publish("after", MESSAGES, 200);
                await("both dispatchers slowed for the site").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            for (Dispatcher d : List.of(a, b)) {
                                siteState(d, policy).ifPresent(s -> slowedOn.putIfAbsent(d == a ? "slow-a" : "slow-b", s.factor()));
                            }
                            return slowedOn.size() == 2;
                        });
                await("both dispatchers back to the full rate").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> siteState(a, policy).isEmpty() && siteState(b, policy).isEmpty());
                assertThat(sink.awaitCount(60 + MESSAGES, Duration.ofMinutes(1))).as("every message but the trigger delivered").isTrue();
                fleet.closeTogether(List.of(a, b));
            }
        }
        assertThat(slowedOn).as("the site's rate in force on each dispatcher").containsOnly(
                Map.entry("slow-a", 0.5), Map.entry("slow-b", 0.5));
        SinkTransaction refused = transactions.stream().filter(t -> !t.accepted()).findFirst().orElseThrow();
        Instant slowDownAt = refused.ended();
        Instant suspendedUntil = slowDownAt.plus(coolOff);
        List<SinkTransaction> accepted = accepted(transactions);
        // the other dispatcher learns of the 421 through the topic: it may start a few in the first half second
        List<SinkTransaction> duringCoolOff = accepted.stream()
                .filter(t -> !t.started().isBefore(slowDownAt.plusMillis(500)) && t.started().isBefore(suspendedUntil)).toList();
        List<SinkTransaction> afterCoolOff = accepted.stream().filter(t -> !t.started().isBefore(suspendedUntil)).toList();
        int firstSecondAfter = (int) afterCoolOff.stream()
                .filter(t -> t.started().isBefore(afterCoolOff.getFirst().started().plusSeconds(1))).count();
        System.out.printf("site slow-down: 421 at %s from %s; %d sent during the cool-off, %d in the first second after it%n",
                slowDownAt, refused.helo(), duringCoolOff.size(), firstSecondAfter);
        assertThat(duringCoolOff).as("nothing is sent to the site by any dispatcher during the cool-off").isEmpty();
        assertThat(afterCoolOff).extracting(SinkTransaction::helo).as("both dispatchers send again after it")
                .contains(ehloOf("slow-a"), ehloOf("slow-b"));
        // halved: 25/s over 4 shards, evenly spaced per shard, so a 1-second window sees at most 4 x ceil(25/4)
        assertThat(firstSecondAfter).as("the fleet's rate right after the cool-off: half of 50/s").isLessThanOrEqualTo(28);
    }

    /** The slowed rate is the fleet's, kept in the compacted topic: a new dispatcher process resumes from it, not from the policy's full rate. */
    @Test
    void aRestartedDispatcherShouldResumeTheSlowedRateFromTheTopic() throws Exception {
        String policy = "restarted";
        SiteFleet fleet = fleet("site-restart", 4);
        List<SinkTransaction> transactions = new CopyOnWriteArrayList<>();
        List<ThrottleState> afterRestart = new CopyOnWriteArrayList<>();
        List<EmailAddress> resumed;
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults().withRules(List.of(SLOW_DOWN)), transactions::add)) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy(policy, 50, 10));
            pacing.putAll(Map.of("aimd.cool-off", "1s", "aimd.increase-every", "100000"));
            DispatcherConfig.Builder config = fleet.config(sink, pacing);
            try (Dispatcher before = fleet.dispatcher(config, "restart-1")) {
                fleet.startAndAwaitAssignment(List.of(before));
                fleet.publish(List.of(SLOW_DOWN_TRIGGER));
                await("the 421 slowed the site").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> siteState(before, policy).map(ThrottleState::factor).orElse(1.0) == 0.5);
            }
            sink.clearRules();
            try (Dispatcher after = fleet.dispatcher(config, "restart-2")) {
                fleet.startAndAwaitAssignment(List.of(after));
                resumed = fleet.publish("resumed", 100, 100);
                await("every message delivered").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
                    siteState(after, policy).ifPresent(afterRestart::add);
                    return resumed.stream().allMatch(r -> sink.count(r) > 0);
                });
            }
        }
        Set<EmailAddress> batch = new HashSet<>(resumed);
        List<SinkTransaction> accepted = accepted(transactions).stream().filter(t -> batch.containsAll(t.recipients())).toList();
        System.out.printf("site restart: %d messages at %.1f/s after the restart, at most %d in any second%n",
                accepted.size(), rate(accepted), maxStartedPerWindow(accepted, Duration.ofSeconds(1)));
        assertThat(afterRestart).as("the new process's rate in force").isNotEmpty()
                .allSatisfy(s -> assertThat(s.factor()).isEqualTo(0.5));
        assertThat(rate(accepted)).as("half of 50/s, within 10 %, not the policy's full rate").isLessThanOrEqualTo(27.5);
        assertThat(maxStartedPerWindow(accepted, Duration.ofSeconds(1))).as("4 shards x ceil(25/4)").isLessThanOrEqualTo(28);
    }

    /**
     * The hourly window goes with the partitions: a site's 4 shards may send 8 an hour (2 each); the first
     * dispatcher sends them and stops, and its successor, reading the same unsent mail again, sends no
     * more within the hour (without the hand-over it would start the hour from zero and send 8 more).
     */
    @Test
    void aRestartedDispatcherShouldGoOnCountingTheHourOfTheOneBefore() throws Exception {
        int hourCap = 8;
        SiteFleet fleet = fleet("site-hour-restart", 4);
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults())) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy("hourrestart", 50, 10));
            pacing.put("policy.hourrestart.max-per-hour", String.valueOf(hourCap));
            DispatcherConfig.Builder config = fleet.config(sink, pacing);
            try (Dispatcher before = fleet.dispatcher(config, "hour-restart-1")) {
                fleet.startAndAwaitAssignment(List.of(before));
                fleet.publish("hour-restart", 40, 40);
                assertThat(sink.awaitCount(hourCap, Duration.ofSeconds(30))).as("the hour's cap, before the restart").isTrue();
            }
            try (Dispatcher after = fleet.dispatcher(config, "hour-restart-2")) {
                fleet.startAndAwaitAssignment(List.of(after));
                await("nothing more within the hour after the restart").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(100)).until(() -> sink.count() == hourCap);
            }
        }
    }

    /**
     * The site's 4 shards sit on 3 of the 12 partitions (5, 8, 9), so 9 partitions' warm-up shares would
     * go unused: their owners (both dispatchers) lend them to the 3 where mail waits, and the fleet sends
     * the day's whole budget, never more.
     */
    @Test
    void idlePartitionsShouldLendTheirWarmupShareAcrossTheFleetWithoutExceedingTheDaysTotal() throws Exception {
        int dayBudget = 24; // 2 per partition
        SiteFleet fleet = fleet("site-warmup-lending", 4);
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults())) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy("lending", 50, 10));
            pacing.putAll(Map.of("warmup.lending.pool", "default", "warmup.lending.policy", "lending",
                    "warmup.lending.start", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                    "warmup.lending.day.1", dayBudget + "/1000", "warmup.partitions", "12",
                    // lend after 0.1 s idle; refused mail asks again after 6 x that, 0.6 s, in memory: each round of loans
                    // waits for the borrowers' re-check, so a longer lend-after only makes the rounds slower
                    "warmup.lend-after", "100ms"));
            DispatcherConfig.Builder config = fleet.config(sink, pacing);
            try (Dispatcher a = fleet.dispatcher(config, "lend-a"); Dispatcher b = fleet.dispatcher(config, "lend-b")) {
                fleet.startAndAwaitAssignment(List.of(a, b));
                fleet.publish("lending", 40, 40);
                assertThat(sink.awaitCount(dayBudget, Duration.ofSeconds(60))).as("the day's whole budget, lent shares included").isTrue();
                await("no more than the day's budget, over three re-checks").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .pollInterval(Duration.ofMillis(100)).until(() -> sink.count() == dayBudget);
                fleet.closeTogether(List.of(a, b));
            }
        }
    }

    @Test
    void idlePartitionsShouldLendTheirShareOfTheHourAcrossTheFleetWithoutExceedingTheHoursTotal() throws Exception {
        // an hour's cap resets on the hour: a run across it would count two hours
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        org.junit.jupiter.api.Assumptions.assumeTrue(now.getMinute() < 58, "too close to the end of the UTC hour");
        int hourBudget = 24; // 2 per partition; the day's 120 000 (10 000 per partition) never binds
        SiteFleet fleet = fleet("site-warmup-hour-lending", 4);
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults())) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy("hourlending", 50, 10));
            pacing.putAll(Map.of("warmup.hourly.pool", "default", "warmup.hourly.policy", "hourlending",
                    "warmup.hourly.start", now.toLocalDate().toString(),
                    "warmup.hourly.day.1", "120000/" + hourBudget, "warmup.partitions", "12",
                    // lend after 0.1 s idle; mail refused for the hour asks again after 0.6 s, in memory
                    "warmup.lend-after", "100ms"));
            DispatcherConfig.Builder config = fleet.config(sink, pacing);
            try (Dispatcher a = fleet.dispatcher(config, "hour-a"); Dispatcher b = fleet.dispatcher(config, "hour-b")) {
                fleet.startAndAwaitAssignment(List.of(a, b));
                fleet.publish("hourly", 40, 40);
                assertThat(sink.awaitCount(hourBudget, Duration.ofSeconds(60))).as("the hour's whole budget, lent shares included").isTrue();
                await("no more than the hour's budget, over three re-checks").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                        .pollInterval(Duration.ofMillis(100)).until(() -> sink.count() == hourBudget);
                fleet.closeTogether(List.of(a, b));
            }
        }
    }

    @Test
    void aNewIpsMailShouldOverflowToTheWarmIpOfItsPoolOnceItsWarmupBudgetIsUsed() throws Exception {
        int newIpDay = 12; // 1 per partition: the 4 shards' partitions give the new IP at most 4 today
        int messages = 40;
        SiteFleet fleet = fleet("site-warmup-overflow", 4);
        List<SinkTransaction> transactions = new CopyOnWriteArrayList<>();
        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults(), transactions::add)) {
            Map<String, String> pacing = new HashMap<>(SiteFleet.sitePolicy("overflow", 50, 10));
            pacing.putAll(Map.of("warmup.newip.pool", "default", "warmup.newip.address", "127.0.0.2", "warmup.newip.overflow", "true",
                    "warmup.newip.start", java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                    "warmup.newip.day.1", newIpDay + "/1000", "warmup.partitions", "12"));
            DispatcherConfig.Builder config = fleet.config(sink, pacing).sendingPool("default",
                    io.mailstream.dispatcher.sending.SourceSelection.ROUND_ROBIN, "127.0.0.1/warm.fleet.test", "127.0.0.2/new.fleet.test");
            try (Dispatcher d = fleet.dispatcher(config, "overflow-a")) {
                fleet.startAndAwaitAssignment(List.of(d));
                fleet.publish("overflow", messages, 40);
                // without overflow the new IP's turns past its budget would wait for tomorrow in a retry topic
                assertThat(sink.awaitCount(messages, Duration.ofSeconds(60))).as("every message, none waiting for the new IP").isTrue();
            }
        }
        List<SinkTransaction> accepted = accepted(transactions);
        long fromNewIp = accepted.stream().filter(t -> t.helo().equals("new.fleet.test")).count();
        long fromWarmIp = accepted.stream().filter(t -> t.helo().equals("warm.fleet.test")).count();
        assertThat(fromNewIp).as("the new IP sends within its day, under its own name").isBetween(1L, (long) newIpDay);
        assertThat(fromNewIp + fromWarmIp).as("each message from one of the pool's IPs, with that IP's EHLO name").isEqualTo(messages);
    }

    private static SiteFleet fleet(String group, int shards) throws Exception {
        SiteFleet fleet = new SiteFleet(STACK.bootstrapServers(), STACK.schemaRegistryUrl(), group, shards);
        fleet.startGroupAtTheEnd();
        return fleet;
    }
}
