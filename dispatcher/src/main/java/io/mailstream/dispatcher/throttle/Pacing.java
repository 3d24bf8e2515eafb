package io.mailstream.dispatcher.throttle;

import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.policy.PolicyLookup;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.policy.TrafficPolicy;
import io.mailstream.dispatcher.queue.Admission;
import io.mailstream.dispatcher.queue.LaneGate;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.address.RoutingKey;
import io.mailstream.schemas.address.Site;
import java.net.InetAddress;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when each queued message may be sent: the destination's adaptive suspension, the
 * warm-up budget of its sending pool, its policy's connection limits and the rate limiters of its
 * (pool, policy, shard). A destination is the routing key's target: a site (all the domains a
 * provider or an MX host serves) or a domain routed by itself. The key's shard holds 1/n of the
 * policy's rate and its share of the policy's connections ({@link ConnectionShare}), so the totals
 * hold however many dispatchers own the n shards. A key that does not fit the shard map is refused
 * ({@link #refusal}), never paced by a guess. It is the per-domain queues' {@link LaneGate} ({@link #gate}), and it
 * learns from SMTP replies ({@link #observed}) to cut and restore rates. Thread-safe.
 */
public final class Pacing implements DeliveryObserver, ThrottleStates {
    private static final Logger log = LoggerFactory.getLogger(Pacing.class);
    public static final Duration DEFAULT_MAX_WAIT_IN_MEMORY = Duration.ofMinutes(15);
    static final int PRUNE_AT = 20_000;
    private static final int MAX_ROUTING_KEYS = 100_000;

    private final PolicyLookup policies;
    private final DomainShards shards;
    private final PoolNames pools;
    private final AdaptiveSettings adaptiveSettings;
    private final WarmupBudget warmup;
    private final Clock clock;
    private final Duration maxWaitInMemory;
    private volatile int pruneAt = PRUNE_AT;
    private final Map<String, ShardLimits> limits = new ConcurrentHashMap<>();
    // Routing keys repeat for every message of a domain shard: parsed (and a mismatch logged) once each.
    private final Map<String, Optional<RoutingKey>> routingKeys = new ConcurrentHashMap<>();
    private final Map<String, AdaptiveRate> adaptive = new ConcurrentHashMap<>();
    private final Map<String, Integer> connections = new HashMap<>();
    private final Map<Object, String[]> admitted = new IdentityHashMap<>();
    private final AdaptiveStateStore fleetStates;
    private final Set<String> refusedKeys = ConcurrentHashMap.newKeySet();
    private final int reservedConnections;
    private final AddressWarmup addressWarmup;
    private final SourcePins pins = new SourcePins();
    // when each partition was last assigned here: a limiter of its keys spaces its first permit from then
    private final Map<Integer, Instant> takenOver = new ConcurrentHashMap<>();
    /** How often at most each shard's hourly window is reported to {@code fleetStates} while it grants permits. */
    static final Duration HOUR_REPORT_INTERVAL = Duration.ofSeconds(1);
    // who reports hourly windows from here: this instance skips its own reports, a restarted one adopts them
    private final String owner = java.util.UUID.randomUUID().toString();

    public Pacing(PolicyLookup policies, DomainShards shards, PoolNames pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Clock clock) {
        this(policies, shards, pools, adaptiveSettings, warmup, DEFAULT_MAX_WAIT_IN_MEMORY, clock);
    }

    /**
     * @param maxWaitInMemory mail whose warm-up budget reopens later than this is handed out as
     *                        {@link Admission.Overflow}, to wait in a retry topic instead of in memory
     */
    public Pacing(PolicyLookup policies, DomainShards shards, PoolNames pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Duration maxWaitInMemory, Clock clock) {
        this(policies, shards, pools, adaptiveSettings, warmup, maxWaitInMemory, AdaptiveStateStore.inMemory(), clock);
    }

    /**
     * @param fleetStates where adaptive rates are shared and kept ({@code mail.throttle-state}): a slowed
     *                    destination stays slowed across restarts and partition moves, and on every owner of its site's shards
     */
    public Pacing(PolicyLookup policies, DomainShards shards, PoolNames pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Duration maxWaitInMemory, AdaptiveStateStore fleetStates, Clock clock) {
        this(policies, shards, pools, adaptiveSettings, warmup, maxWaitInMemory, fleetStates, 0, clock);
    }

    /**
     * @param reservedConnections {@code pool.transactional-connections}: of each connection limit a message passes (its
     *                            shard's share of the policy's {@code max-connections}, and a named policy's total), how
     *                            many campaign mail may never hold, so that a transactional message does not wait for a
     *                            campaign transaction to end; campaign mail keeps at least one ({@link ConnectionGate})
     */
    public Pacing(PolicyLookup policies, DomainShards shards, PoolNames pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Duration maxWaitInMemory, AdaptiveStateStore fleetStates, int reservedConnections,
                  Clock clock) {
        this(policies, shards, pools, adaptiveSettings, warmup, maxWaitInMemory, fleetStates, reservedConnections,
                PoolAddresses.NONE, clock);
    }

    /**
     * @param poolAddresses the sending pools' addresses: where some have warm-up budgets of their own, each message is
     *                      given an address ({@link #pinnedSource}), overflowing to another when its schedule allows
     */
    public Pacing(PolicyLookup policies, DomainShards shards, PoolNames pools, AdaptiveSettings adaptiveSettings,
                  WarmupBudget warmup, Duration maxWaitInMemory, AdaptiveStateStore fleetStates, int reservedConnections,
                  PoolAddresses poolAddresses, Clock clock) {
        this.addressWarmup = new AddressWarmup(warmup, poolAddresses);
        if (reservedConnections < 0) {
            throw new IllegalArgumentException("reserved connections must be at least 0, was " + reservedConnections);
        }
        this.reservedConnections = reservedConnections;
        this.fleetStates = fleetStates;
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
        return new Pacing(TrafficPolicies.defaultsOnly(), DomainShards.NONE, PoolNames.DEFAULT_ONLY, AdaptiveSettings.DEFAULTS,
                WarmupBudget.NONE, clock);
    }

    public PolicyLookup policies() {
        return policies;
    }

    /** A gate for queues of {@code T}, described to pacing by {@code describe}. */
    public <T> LaneGate<T> gate(Function<T, PacedMessage> describe) {
        return gate(describe, head -> false);
    }

    /**
     * As {@link #gate(Function)}, but a head that would have to wait for a permit (rate, warm-up budget,
     * suspension) and {@code sendsNothing} (it will make no SMTP transaction whatever happens before its
     * turn: its campaign was cancelled, it expired, it was already delivered) goes on at once, without a
     * permit or a connection. Otherwise the backlog of a cancelled campaign spends the destination's rate
     * at its paced speed, and every message queued behind it waits that long. A head that waits only for
     * a connection ({@link Admission#BUSY}) is not asked: that wait is one transaction long, and the
     * unthrottled path stays free of the extra lookups.
     */
    public <T> LaneGate<T> gate(Function<T, PacedMessage> describe, Predicate<T> sendsNothing) {
        return new LaneGate<>() {
            @Override
            public Admission admit(T head) {
                Admission admission = Pacing.this.admit(describe.apply(head), head);
                boolean waitsForPermit = admission instanceof Admission.NotBefore || admission instanceof Admission.Overflow;
                return waitsForPermit && sendsNothing.test(head) ? Admission.ADMITTED : admission;
            }

            @Override
            public void release(T item) {
                Pacing.this.release(item);
            }
        };
    }

    private Optional<RoutingKey> routingKey(String key) {
        Optional<RoutingKey> known = routingKeys.get(key);
        if (known != null) {
            return known;
        }
        Optional<RoutingKey> parsed = parseRoutingKey(key);
        if (routingKeys.size() >= MAX_ROUTING_KEYS) {
            routingKeys.clear();
        }
        routingKeys.put(key, parsed);
        return parsed;
    }

    private Optional<RoutingKey> parseRoutingKey(String key) {
        try {
            return Optional.of(RoutingKey.parse(key, shards));
        } catch (InvalidAddressException e) {
            // Producer and dispatcher disagree on shards: a guess would break the budget (two owners of one share).
            if (refusedKeys.add(key) && refusedKeys.size() < 1000) {
                log.error("refusing routing key {}: {}", key, e.reason());
            }
            return Optional.empty();
        }
    }

    /**
     * Why mail with {@code routingKey} must not be sent by this dispatcher: the key does not fit the
     * shard map (a shard count or a shard the map does not have; producer and dispatcher disagree), or
     * is not a routing key at all. Empty when it fits. The processor turns a refusal into an error event.
     */
    public Optional<String> refusal(String routingKey) {
        if (routingKey(routingKey).isPresent()) {
            return Optional.empty();
        }
        try {
            RoutingKey.parse(routingKey, shards);
            return Optional.empty();
        } catch (InvalidAddressException e) {
            return Optional.of(e.reason() + " (key '" + routingKey + "')");
        }
    }

    private TrafficPolicy policyOf(PacedMessage m, RoutingKey key) {
        Optional<Domain> domain = m.recipientDomain().flatMap(Pacing::domainOf).or(key::domain);
        if (domain.isPresent()) {
            return policies.policyFor(domain.get(), key.target());
        }
        return key.target() instanceof Site site ? policies.policyForSite(site) : policies.policyFor((Domain) key.target());
    }

    private static Optional<Domain> domainOf(String raw) {
        try {
            return Optional.of(Domain.of(raw));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    Admission admit(PacedMessage m, Object token) {
        Optional<RoutingKey> parsed = routingKey(m.routingKey());
        if (parsed.isEmpty()) {
            return Admission.ADMITTED; // refused by the processor (see refusal): nothing is sent, nothing to pace
        }
        RoutingKey key = parsed.get();
        Instant now = clock.instant();
        TrafficPolicy policy = policyOf(m, key);
        AdaptiveRate rate = currentRate(policy, key, now);
        Optional<Instant> suspended = rate == null ? Optional.empty() : rate.suspendedAt(now);
        if (suspended.isPresent()) {
            return new Admission.NotBefore(suspended.get());
        }
        String pool = pools.poolOf(m.campaignId());
        ShardLimits shard = null;
        if (policy.maxPerSecond().isPresent() || policy.maxPerHour().isPresent()) {
            pruneIfLarge();
            shard = limits.computeIfAbsent(pool + "|" + policy.name() + "|" + key.asString(), k -> {
                ShardLimits fresh = new ShardLimits(pool, policy, key, m.partition(), clock);
                Instant handedOver = takenOver.get(m.partition());
                if (handedOver != null) {
                    fresh.takenOverAt(handedOver);
                }
                return fresh;
            });
            adoptHour(shard);
            long wait = shard.nanosUntilPermit(rate == null ? 1.0 : rate.factor());
            if (wait > 0) {
                return new Admission.NotBefore(now.plusNanos(wait));
            }
        }
        if (!reserveConnections(policy, key, m.transactional(), token)) {
            return Admission.BUSY;
        }
        AddressWarmup.Result budget = addressWarmup.take(pool, policy.name(), m.partition(), now);
        if (budget instanceof AddressWarmup.Result.Wait(Instant reopensAt)) {
            release(token);
            // a wait of hours (tomorrow's budget) must not fill the partition's buffer and stall its other domains
            return Duration.between(now, reopensAt).compareTo(maxWaitInMemory) > 0
                    ? new Admission.Overflow(reopensAt) : new Admission.NotBefore(reopensAt);
        }
        ((AddressWarmup.Result.Go) budget).address().ifPresent(a -> pins.pin(token, a));
        if (shard != null) {
            shard.acquire();
            reportHour(shard, now, HOUR_REPORT_INTERVAL);
        }
        return Admission.ADMITTED;
    }

    /** The newest report of the shard's hour by another owner (the previous owner of its partition, or this dispatcher before a restart). */
    private void adoptHour(ShardLimits shard) {
        if (shard.limitsHour()) {
            fleetStates.hourReport(shard.hourKey()).filter(r -> !r.owner().equals(owner)).ifPresent(shard::adopt);
        }
    }

    private void reportHour(ShardLimits shard, Instant now, Duration minInterval) {
        shard.hourReportDue(owner, now, minInterval).ifPresent(r ->
                fleetStates.putHourReport(shard.hourKey(), shard.policyName(), shard.key().asString(), r));
    }

    /**
     * The consumer is giving up {@code partitions} (numbers, of any consumed topic): the hourly window
     * of each of their keys is reported now, whatever the interval, so the next owner counts every
     * permit granted here (it adopts the report when it next paces the key).
     */
    public void partitionsRevoked(java.util.Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<Integer> revoked = Set.copyOf(partitions);
        for (ShardLimits l : limits.values()) {
            if (revoked.contains(l.partition())) {
                reportHour(l, now, Duration.ZERO);
            }
        }
    }

    /**
     * The consumer was assigned {@code partitions} (numbers, of any consumed topic) now. Their previous
     * owner may have granted a permit of their keys' rates up to the hand-over, and a limiter here does
     * not know when: the first permit of each of their keys here is spaced from now, as if granted now,
     * so no window holds one permit too many across the move (a limiter kept from an earlier ownership
     * of the partition is stale in the same way). Costs at most one permit interval per key.
     */
    public void partitionsAssigned(java.util.Collection<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<Integer> assigned = Set.copyOf(partitions);
        for (int p : assigned) {
            takenOver.put(p, now);
        }
        for (ShardLimits l : limits.values()) {
            if (assigned.contains(l.partition())) {
                l.takenOverAt(now);
            }
        }
    }

    private static String adaptiveKey(TrafficPolicy policy, RoutingKey key) {
        return policy.name() + "|" + key.target().asKey();
    }

    /** This destination's rate, brought up to the fleet's newer state (another owner's, or this one's before a restart). */
    private AdaptiveRate currentRate(TrafficPolicy policy, RoutingKey key, Instant now) {
        String k = adaptiveKey(policy, key);
        AdaptiveRate rate = adaptive.get(k);
        Optional<SavedRate> saved = fleetStates.get(k);
        if (saved.isEmpty() || (rate != null && !saved.get().updatedAt().isAfter(rate.updatedAt()))) {
            return rate;
        }
        if (rate == null) {
            if (saved.get().isNormalAt(now)) {
                return null; // back to normal: nothing to hold in memory
            }
            rate = adaptiveOf(policy, key);
        }
        rate.adoptIfNewer(saved.get());
        return rate;
    }

    private void share(TrafficPolicy policy, RoutingKey key, AdaptiveRate rate) {
        fleetStates.put(adaptiveKey(policy, key), policy.name(), key.target().asKey(), rate.saved());
    }

    private AdaptiveRate adaptiveOf(TrafficPolicy policy, RoutingKey key) {
        return adaptive.computeIfAbsent(adaptiveKey(policy, key), k -> new AdaptiveRate(policy, key.target(), adaptiveSettings));
    }

    /**
     * Keeps per-destination state bounded over a long tail of domains: past {@value #PRUNE_AT} entries,
     * limiters with nothing pending or counted, and adaptive rates back to normal, are forgotten
     * (recreating them later behaves the same).
     */
    private void pruneIfLarge() {
        if (limits.size() < pruneAt && adaptive.size() < pruneAt) {
            return;
        }
        synchronized (limits) {
            Instant now = clock.instant();
            limits.values().removeIf(ShardLimits::isIdle);
            adaptive.values().removeIf(r -> r.isNormal(now));
            // what could not be forgotten yet is busy: look again only once it has doubled, not on every message
            pruneAt = Math.max(PRUNE_AT, 2 * Math.max(limits.size(), adaptive.size()));
        }
    }

    /**
     * Two limits: the key shard's share of the policy's {@code max-connections} (whoever owns the
     * shard, so the shares add up to the policy's value across the fleet), and, for a named policy,
     * the policy's {@code max-connections} in this dispatcher across all its targets (as before sites).
     * Campaign mail stops short of each by the reserved connections; transactional mail may take all
     * (it borrows what campaigns leave idle), so the totals are the policy's whichever lane holds them.
     */
    private synchronized boolean reserveConnections(TrafficPolicy policy, RoutingKey key, boolean transactional, Object token) {
        String shardScope = policy.name() + "|" + key.asString();
        int shardMax = ConnectionShare.of(policy.maxConnections(), key);
        if (connections.getOrDefault(shardScope, 0) >= ConnectionGate.limit(shardMax, reservedConnections, transactional)) {
            return false;
        }
        String policyScope = policy.isDefault() ? null : policy.name();
        if (policyScope != null && connections.getOrDefault(policyScope, 0)
                >= ConnectionGate.limit(policy.maxConnections(), reservedConnections, transactional)) {
            return false;
        }
        connections.merge(shardScope, 1, Integer::sum);
        if (policyScope != null) {
            connections.merge(policyScope, 1, Integer::sum);
        }
        admitted.put(token, new String[] {shardScope, policyScope});
        return true;
    }

    /**
     * The source address the message admitted as {@code token} must leave from: the address whose warm-up
     * budget it took, when some addresses of its pool have budgets of their own; empty otherwise (the
     * connection side picks, as without warm-up). Valid until the message is released.
     */
    public Optional<InetAddress> pinnedSource(Object token) {
        return pins.of(token);
    }

    synchronized void release(Object token) {
        pins.release(token);
        String[] scopes = admitted.remove(token);
        if (scopes == null) {
            return;
        }
        for (String scope : scopes) {
            if (scope != null && connections.merge(scope, -1, Integer::sum) <= 0) {
                connections.remove(scope);
            }
        }
    }

    /** How many (pool, policy, shard) limiters are held now. */
    int limiterCount() {
        return limits.size();
    }

    /** Deliveries in flight under a connection scope: a named policy in this dispatcher, or {@code <policy>|<routing key>}. */
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
        TrafficPolicy policy = policyOf(new PacedMessage(message.getRoutingKey(),
                Optional.ofNullable(message.getRecipientDomain()), Optional.empty(), 0), key.get());
        Instant now = clock.instant();
        if (signal == SlowDownSignals.Signal.SUCCESS) {
            AdaptiveRate rate = currentRate(policy, key.get(), now);
            // only a destination that was slowed down has anything to recover
            if (rate != null && rate.succeeded(now)) {
                share(policy, key.get(), rate);
            }
            return;
        }
        String reply = outcome instanceof DeliveryOutcome.Deferred d ? d.smtpReply().map(r -> r.code() + " " + r.text())
                .orElse(d.reason()) : outcome.toString();
        currentRate(policy, key.get(), now);
        AdaptiveRate rate = adaptiveOf(policy, key.get());
        rate.slowDown(now, reply);
        share(policy, key.get(), rate);
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
