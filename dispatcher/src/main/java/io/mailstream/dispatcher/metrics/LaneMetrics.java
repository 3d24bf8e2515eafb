package io.mailstream.dispatcher.metrics;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.lane.MailLane;
import io.mailstream.dispatcher.lane.PriorityBand;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.LaneListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import io.mailstream.avro.Outcome;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-lane, per-tenant and per-priority counts of decided messages, and the latency from accept
 * ({@code MailMessage.createdAt}, set by the API or the campaign launch) to the SMTP reply, as a
 * histogram by lane and priority band (issue 14). Labels stay bounded: lanes and priority bands
 * are fixed; tenants are the first {@link #MAX_TENANTS} seen, later ones count as {@code other}
 * (tenants are API-key owners, a short list; a bug writing random tenants cannot flood the registry).
 */
public final class LaneMetrics implements LaneListener {
    public static final String LANE_MESSAGES = "mailstream.lane.messages";
    public static final String ACCEPT_TO_REPLY = "mailstream.accept.to.reply";
    public static final int MAX_TENANTS = 200;
    static final String NO_TENANT = "none";
    static final String OTHER_TENANT = "other";

    private final MeterRegistry registry;
    private final Set<String> tenants = ConcurrentHashMap.newKeySet();
    /** Meters by their labels: building and registering a meter id per message would cost more than counting. */
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record CounterKey(MailLane lane, String tenant, String priority, Outcome outcome) {
    }

    private record TimerKey(MailLane lane, String priority) {
    }

    public LaneMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void decided(MailMessage message, MailLane lane, DeliveryOutcome outcome, Instant at) {
        String priority = PriorityBand.label(message.getPriority());
        counters.computeIfAbsent(new CounterKey(lane, tenantLabel(message.getTenant()), priority, outcome.kind()),
                k -> Counter.builder(LANE_MESSAGES)
                        .description("Messages decided (sent, deferred, bounced, suppressed ...), by lane, tenant, priority and outcome")
                        .tag("lane", k.lane().label())
                        .tag("tenant", k.tenant())
                        .tag("priority", k.priority())
                        .tag("outcome", k.outcome().name().toLowerCase(Locale.ROOT))
                        .register(registry))
                .increment();
        if (outcome.reply().isPresent() && message.getCreatedAt() != null) {
            Duration latency = Duration.between(message.getCreatedAt(), at);
            timers.computeIfAbsent(new TimerKey(lane, priority), k -> Timer.builder(ACCEPT_TO_REPLY)
                            .description("From accept (the message's createdAt) to the receiving server's SMTP reply")
                            .tag("lane", k.lane().label())
                            .tag("priority", k.priority())
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(5))
                            .maximumExpectedValue(Duration.ofDays(3))
                            .register(registry))
                    .record(latency.isNegative() ? Duration.ZERO : latency);
        }
    }

    private String tenantLabel(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return NO_TENANT;
        }
        if (tenants.contains(tenant)) {
            return tenant;
        }
        if (tenants.size() < MAX_TENANTS && tenants.add(tenant)) {
            return tenant;
        }
        return tenants.contains(tenant) ? tenant : OTHER_TENANT;
    }
}
