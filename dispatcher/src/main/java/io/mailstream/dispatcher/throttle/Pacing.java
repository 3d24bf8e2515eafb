package io.mailstream.dispatcher.throttle;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.policy.PolicyLookup;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.queue.LaneGate;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.address.RoutingKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each queued message may be sent: the destination's adaptive suspension, the
 * warm-up budget of its sending pool, its policy's connection limit and the rate limiters of its
 * (pool, policy, shard). It is the per-domain queues' {@link LaneGate} ({@link #gate}), and it
 * learns from SMTP replies ({@link #observed}) to cut and restore rates. Thread-safe.
 */
public final class Pacing implements DeliveryObserver, ThrottleStates {
    private static final Logger log = LoggerFactory.getLogger(Pacing.class);
    public static final Duration DEFAULT_MAX_WAIT_IN_MEMORY = Duration.ofMinutes(15);

    private final PolicyLookup policies;
    private final DomainShards shards;
    private final SendingPools pools;
    private final AdaptiveSettings adaptiveSettings;
    private final WarmupBudget warmup;
    private final Clock clock;
    private final Duration maxWaitInMemory;
    private final Map<String, ShardLimits> limits = new ConcurrentHashMap<>();
    private final Map<String, AdaptiveRate> adaptive = new ConcurrentHashMap<>();
    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<Object, String> admitted = new IdentityHashMap<>();

    public Pacing(PolicyLookup policies, DomainShards shards, SendingPools pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Clock clock) {
        this(policies, shards, pools, adaptiveSettings, warmup, DEFAULT_MAX_WAIT_IN_MEMORY, clock);
    }

    /**
     * @param maxWaitInMemory mail whose warm-up budget reopens later than this is handed out as
     *                        {@link Admission.Overflow}, to wait in a retry topic instead of in memory
     */
    public Pacing(PolicyLookup policies, DomainShards shards, SendingPools pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Duration maxWaitInMemory, Clock clock) {
        this.maxWaitInMemory = maxWaitInMemory;
        this.policies = policies;
        this.shards = shards;
        this.pools = pools;
        this.adaptiveSettings = adaptiveSettings;
        this.warmup = warmup;
        this.clock = clock;
    }

    /** No limits but the default policy's connection limit; what a dispatcher without pacing configuration gets. */
    public static Pacing unlimited(Clock clock) {
        return new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.NONE, SendingPools.DEFAULTS, AdaptiveSettings.DEFAULTS,
                WarmupBudget.NONE, clock);
    }

    public PolicyLookup policies() {
        return policies;
    }

    /** A gate for queues of {@code T}, described to pacing by {@code describe}. */
    public <T> LaneGate<T> gate(Function<T, PacedMessage> describe) {
        return new LaneGate<>() {
            @Override
            public Admission admit(T head) {
                return Pacing.this.admit(describe.apply(head), head);
            }

            @Override
            public void release(T item) {
                Pacing.this.release(item);
            }
        };
    }

    private Optional<RoutingKey> routingKey(String key) {
        try {
            return Optional.of(RoutingKey.parse(key, shards));
        } catch (InvalidAddressException e) {
            try {
                // Producer and dispatcher disagree on shards: pace by the key as written rather than not at all.
                RoutingKey k = RoutingKey.parse(key);
                log.debug("routing key {} does not fit the configured domain shards ({}); pacing it as {} shards", key,
                        e.getMessage(), k.shardCount());
                return Optional.of(k);
            } catch (InvalidAddressException unparseable) {
                return Optional.empty(); // the processor rejects it; nothing to pace
            }
        }
    }

    Admission admit(PacedMessage m, Object token) {
        Optional<RoutingKey> parsed = routingKey(m.routingKey());
        if (parsed.isEmpty()) {
            return Admission.ADMITTED;
        }
        RoutingKey key = parsed.get();
        Instant now = clock.instant();
        TrafficPolicy policy = policies.policyFor(key.domain());
        AdaptiveRate rate = adaptiveOf(policy, key);
        Optional<Instant> suspended = rate.suspendedAt(now);
        if (suspended.isPresent()) {
            return new Admission.NotBefore(suspended.get());
        }
        String pool = pools.poolOf(m.transactional());
        ShardLimits shard = limits.computeIfAbsent(pool + "|" + policy.name() + "|" + key.asString(),
                k -> new ShardLimits(pool, policy, key, rate, clock));
        long wait = shard.nanosUntilPermit();
        if (wait > 0) {
            return new Admission.NotBefore(now.plusNanos(wait));
        }
        String scope = policy.isDefault() ? policy.name() + "|" + key.domain().asString() : policy.name();
        if (!reserveConnection(scope, policy.maxConnections(), token)) {
            return Admission.BUSY;
        }
        Optional<Instant> budget = warmup.tryTake(pool, policy.name(), m.partition(), now);
        if (budget.isPresent()) {
            release(token);
            // a wait of hours (tomorrow's budget) must not fill the partition's buffer and stall its other domains
            return Duration.between(now, budget.get()).compareTo(maxWaitInMemory) > 0
                    ? new Admission.Overflow(budget.get()) : new Admission.NotBefore(budget.get());
        }
        shard.acquire();
        return Admission.ADMITTED;
    }

    private AdaptiveRate adaptiveOf(TrafficPolicy policy, RoutingKey key) {
        return adaptive.computeIfAbsent(policy.name() + "|" + key.domain().asString(),
                k -> new AdaptiveRate(policy, key.domain(), adaptiveSettings));
    }

    private synchronized boolean reserveConnection(String scope, int max, Object token) {
        int inUse = connections.getOrDefault(scope, 0);
        if (inUse >= max) {
            return false;
        }
        connections.put(scope, inUse + 1);
        admitted.put(token, scope);
        return true;
    }

    synchronized void release(Object token) {
        String scope = admitted.remove(token);
        if (scope == null) {
            return;
        }
        int left = connections.merge(scope, -1, Integer::sum);
        if (left <= 0) {
            connections.remove(scope);
        }
    }

    /** Deliveries in flight under a policy's connection scope (named policy, or {@code default|<domain>}). */
    public synchronized int inFlight(String scope) {
        return connections.getOrDefault(scope, 0);
    }

    @Override
    public void observed(MailMessage message, DeliveryOutcome outcome) {
        SlowDownSignals.Signal signal = SlowDownSignals.of(outcome);
        if (signal == SlowDownSignals.Signal.NEUTRAL) {
            return;
        }
        Optional<RoutingKey> key = routingKey(message.getRoutingKey());
        if (key.isEmpty()) {
            return;
        }
        AdaptiveRate rate = adaptiveOf(policies.policyFor(key.get().domain()), key.get());
        if (signal == SlowDownSignals.Signal.SLOW_DOWN) {
            String reply = outcome instanceof DeliveryOutcome.Deferred d ? d.smtpReply().map(r -> r.code() + " " + r.text())
                    .orElse(d.reason()) : outcome.toString();
            rate.slowDown(clock.instant(), reply);
        } else {
            rate.succeeded();
        }
    }

    @Override
    public List<ThrottleState> snapshot() {
        Instant now = clock.instant();
        List<ThrottleState> out = new ArrayList<>();
        for (AdaptiveRate r : adaptive.values()) {
            if (!r.isNormal(now)) {
                out.add(r.state(now));
            }
        }
        out.sort(Comparator.comparing(ThrottleState::policy).thenComparing(ThrottleState::domain));
        return out;
    }
}
