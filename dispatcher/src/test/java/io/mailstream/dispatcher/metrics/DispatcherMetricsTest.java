package io.mailstream.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.MessageBytes;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DispatcherMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DispatcherMetrics metrics = new DispatcherMetrics(registry, new DomainGroups(3));

    @Test
    void meteredTransportShouldCountRepliesByClassAndCodeAndTimeEachTransaction() {
        Deque<DeliveryOutcome> script = new ArrayDeque<>();
        script.add(new DeliveryOutcome.Delivered(SmtpReply.of(250, "2.0.0 ok"), "mx"));
        script.add(new DeliveryOutcome.Delivered(SmtpReply.of(250, "2.0.0 ok"), "mx"));
        script.add(new DeliveryOutcome.Bounced(SmtpReply.of(550, "5.1.1 unknown"), "mx"));
        script.add(DeliveryOutcome.Deferred.byReply(SmtpReply.of(421, "4.7.0 slow down"), "mx"));
        script.add(DeliveryOutcome.Deferred.noReply("connection refused", "mx"));
        MailTransport transport = metrics.instrument(new Scripted(script));

        for (int i = 0; i < 5; i++) {
            transport.send(message("user" + i + "@gmail.com"));
        }

        assertThat(count(DispatcherMetrics.SMTP_REPLIES, "code", "250")).isEqualTo(2);
        assertThat(count(DispatcherMetrics.SMTP_REPLIES, "code_class", "5xx")).isEqualTo(1);
        assertThat(count(DispatcherMetrics.SMTP_REPLIES, "code", "421")).isEqualTo(1);
        assertThat(count(DispatcherMetrics.SMTP_REPLIES, "code_class", "none")).isEqualTo(1);
        assertThat(registry.find(DispatcherMetrics.SMTP_TRANSACTION).timers().stream().mapToLong(t -> t.count()).sum())
                .isEqualTo(5);
        assertThat(registry.get(DispatcherMetrics.SMTP_TRANSACTION).tag("result", "deferred").timer().count()).isEqualTo(2);
        assertThat(registry.find(DispatcherMetrics.SMTP_TRANSACTION).tag("domain_group", "gmail.com").timers().stream()
                .mapToLong(t -> t.count()).sum()).isEqualTo(5);
    }

    @Test
    void outcomesShouldBeCountedWithBoundedDomainLabels() {
        for (int i = 0; i < 50; i++) {
            metrics.outcomes().published(event("u@d" + i + ".example", i % 5 == 0 ? Outcome.BOUNCED : Outcome.DELIVERED));
        }

        assertThat(registry.find(DispatcherMetrics.MESSAGES).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(50.0);
        assertThat(registry.find(DispatcherMetrics.MESSAGES).tag("outcome", "bounced").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(10.0);
        long domainLabels = registry.find(DispatcherMetrics.MESSAGES).counters().stream()
                .map(c -> c.getId().getTag("domain_group")).distinct().count();
        assertThat(domainLabels).as("3 named domains + other").isEqualTo(4);
        assertThat(registry.find(DispatcherMetrics.MESSAGES).tag("domain_group", DomainGroups.OTHER).counters()).isNotEmpty();
    }

    @Test
    void failureHooksShouldReadTheDeadLettersWorkerErrorsAndDeadWorkersOnEveryScrape() {
        java.util.concurrent.atomic.AtomicLong deadLetters = new java.util.concurrent.atomic.AtomicLong(2);
        java.util.concurrent.atomic.AtomicInteger dead = new java.util.concurrent.atomic.AtomicInteger();
        metrics.bindFailures(deadLetters::get, () -> 5, dead::get);
        assertThat(registry.get(DispatcherMetrics.DEAD_LETTERS).functionCounter().count()).isEqualTo(2.0);
        assertThat(registry.get(DispatcherMetrics.WORKER_ERRORS).functionCounter().count()).isEqualTo(5.0);

        deadLetters.set(3);
        dead.set(1);
        assertThat(registry.get(DispatcherMetrics.DEAD_LETTERS).functionCounter().count()).isEqualTo(3.0);
        assertThat(registry.get(DispatcherMetrics.DEAD_WORKERS).gauge().value()).isEqualTo(1.0);
    }

    @Test
    void poolHookShouldReadTheSuppliedSnapshotOnEveryScrape() {
        AtomicReference<PoolUsage> usage = new AtomicReference<>(new PoolUsage(2, 1, 8));
        metrics.bindPool(usage::get);
        assertThat(registry.get(DispatcherMetrics.POOL_CONNECTIONS).tag("state", "busy").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get(DispatcherMetrics.POOL_CONNECTIONS).tag("state", "idle").gauge().value()).isEqualTo(1.0);

        usage.set(new PoolUsage(5, 5, 8));
        assertThat(registry.get(DispatcherMetrics.POOL_CONNECTIONS).tag("state", "open").gauge().value()).isEqualTo(5.0);
        assertThat(registry.get(DispatcherMetrics.POOL_CONNECTIONS).tag("state", "idle").gauge().value()).isZero();
        assertThat(registry.get(DispatcherMetrics.POOL_MAX).gauge().value()).isEqualTo(8.0);
        assertThatThrownBy(() -> new PoolUsage(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void throttleHookShouldExposeRateCapAndSuspensionPerPolicy() {
        Map<String, ThrottleUsage> state = new LinkedHashMap<>();
        state.put("gmail", new ThrottleUsage(50, 100, false));
        state.put("microsoft", new ThrottleUsage(10, 40, true));
        AtomicReference<Map<String, ThrottleUsage>> now = new AtomicReference<>(Map.copyOf(state));
        metrics.bindThrottles(now::get);

        assertThat(registry.get(DispatcherMetrics.THROTTLE_RATE).tag("policy", "gmail").gauge().value()).isEqualTo(50.0);
        assertThat(registry.get(DispatcherMetrics.THROTTLE_SUSPENDED).tag("policy", "microsoft").gauge().value()).isEqualTo(1.0);
        now.set(Map.of("gmail", new ThrottleUsage(25, 100, true), "microsoft", new ThrottleUsage(11, 40, false)));
        assertThat(registry.get(DispatcherMetrics.THROTTLE_RATE).tag("policy", "gmail").gauge().value()).isEqualTo(25.0);
        assertThat(registry.get(DispatcherMetrics.THROTTLE_CAP).tag("policy", "microsoft").gauge().value()).isEqualTo(40.0);
        assertThat(registry.get(DispatcherMetrics.THROTTLE_SUSPENDED).tag("policy", "microsoft").gauge().value()).isZero();
        assertThat(registry.find(DispatcherMetrics.THROTTLE_RATE).gauges()).hasSize(2);
    }

    @Test
    void noneShouldAcceptEverythingAndRegisterNothingVisible() {
        DispatcherMetrics none = DispatcherMetrics.none();
        none.outcomes().published(event("a@b.example", Outcome.DELIVERED));
        assertThat(none.registry().getMeters()).allMatch(m -> m.getId().getType() != Meter.Type.OTHER);
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static RenderedMessage message(String to) {
        return new RenderedMessage("m-" + to, EmailAddress.parse(to), EmailAddress.parse("bounces+m@b.example"),
                Domain.of("b.example"), Optional.empty(), MessageBytes.of(new byte[0]));
    }

    private static DeliveryEvent event(String recipient, Outcome outcome) {
        return DeliveryEvent.newBuilder().setMessageId("m-" + recipient).setRecipient(recipient).setOutcome(outcome)
                .setTimestamp(Instant.EPOCH).setDispatcherId("d1").build();
    }

    private static final class Scripted implements MailTransport {
        private final Deque<DeliveryOutcome> script;

        Scripted(Deque<DeliveryOutcome> script) {
            this.script = script;
        }

        @Override
        public DeliveryOutcome send(RenderedMessage message) {
            return script.removeFirst();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void poolAndThrottleGaugesShouldStillReadAfterAGarbageCollectionWhenBoundToLambdasNobodyElseHolds() {
        int open = 5; // captured: a lambda capturing nothing is a constant the JVM keeps, and would prove nothing
        double cap = 6;
        metrics.bindPool(() -> new PoolUsage(open, 2, 10));
        metrics.bindThrottles(() -> Map.of("gmail", new ThrottleUsage(3, cap, false)));
        for (int i = 0; i < 3; i++) {
            System.gc(); // a weakly held supplier would be gone now and its gauges read NaN
        }

        assertThat(registry.get(DispatcherMetrics.POOL_CONNECTIONS).tag("state", "open").gauge().value()).isEqualTo(5);
        assertThat(registry.get(DispatcherMetrics.POOL_MAX).gauge().value()).isEqualTo(10);
        assertThat(registry.get(DispatcherMetrics.THROTTLE_CAP).tag("policy", "gmail").gauge().value()).isEqualTo(6);
    }
}
