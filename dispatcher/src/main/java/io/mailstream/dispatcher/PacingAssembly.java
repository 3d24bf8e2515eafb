package io.mailstream.dispatcher;

import io.mailstream.avro.ShardMap;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import io.mailstream.dispatcher.config.PacingConfig;
import io.mailstream.dispatcher.policy.MxHostNames;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.ResolverMxHostNames;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.routing.CachingMxResolver;
import io.mailstream.dispatcher.routing.DnsMxResolver;
import io.mailstream.dispatcher.throttle.AdaptiveStateStore;
import io.mailstream.dispatcher.throttle.KafkaAdaptiveStates;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.PoolAddresses;
import io.mailstream.dispatcher.throttle.PoolNames;
import io.mailstream.dispatcher.sending.SendingPools;
import io.mailstream.dispatcher.warmup.WarmupSchedule;
import io.mailstream.dispatcher.warmup.KafkaWarmupCounters;
import io.mailstream.dispatcher.warmup.ScheduledWarmup;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.sites.ShardMapMismatchException;
import io.mailstream.schemas.sites.ShardMapTopic;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds a dispatcher's {@link Pacing} from its configuration: policies (with MX lookups if a policy matches by MX suffix) and warm-up. */
final class PacingAssembly {
    private static final Logger log = LoggerFactory.getLogger(PacingAssembly.class);
    private static final Duration SHARD_MAP_READ_TIMEOUT = Duration.ofSeconds(30);

    private PacingAssembly() {
    }

    /** The warm-up state topic's store, when any warm-up schedule is configured; it reads the topic with its own consumer. */
    static Optional<KafkaWarmupCounters> warmupCounters(DispatcherConfig config, SchemaRegistry registry,
                                                         Producer<byte[], byte[]> producer, Clock clock) {
        if (config.pacing().warmups().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KafkaWarmupCounters("mailstream-dispatcher-warmup-counters",
                new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "warmup-counters")), producer, registry, clock));
    }

    /**
     * The shard map this dispatcher paces by: the fleet's, read from {@code mail.shard-map} at start,
     * when {@code domain-shards} is not set; {@code domain-shards} when no map was ever applied; a
     * start refused naming both when they differ.
     */
    static DomainShards fleetShards(DispatcherConfig config, SchemaRegistry registry) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "shard-map"))) {
            Optional<DomainShards> published = ShardMapTopic.readLatest(consumer,
                    AvroSerde.forValue(ShardMap.class, registry).deserializer(), SHARD_MAP_READ_TIMEOUT);
            DomainShards shards = ShardMapTopic.reconcile("dispatcher " + config.dispatcherId(), config.pacing().shards(), published);
            log.info("pacing by shard map '{}' ({})", shards.asSpec(),
                    published.isPresent() ? Topics.SHARD_MAP : "domain-shards; no map in " + Topics.SHARD_MAP);
            return shards;
        } catch (ShardMapMismatchException e) {
            throw new InvalidConfigException("domain-shards", e.getMessage());
        }
    }

    /**
     * The fleet's adaptive rates ({@code mail.throttle-state}), when traffic policies are configured
     * (without them nothing is paced, and a dispatcher needs no more than memory).
     */
    static Optional<KafkaAdaptiveStates> adaptiveStates(DispatcherConfig config, SchemaRegistry registry,
                                                        Producer<byte[], byte[]> producer) {
        PacingConfig p = config.pacing();
        boolean paced = !p.policies().isEmpty() || p.defaultPolicy().maxPerSecond().isPresent()
                || p.defaultPolicy().maxPerHour().isPresent();
        if (!paced) {
            return Optional.empty();
        }
        return Optional.of(new KafkaAdaptiveStates("mailstream-dispatcher-throttle-state",
                new KafkaConsumer<>(KafkaClientProperties.tableConsumer(config, "throttle-state")), producer, registry));
    }

    /** The warm-up budgets over the counters' store (with lending after {@code warmup.lend-after}), when warm-up is configured. */
    static Optional<ScheduledWarmup> warmup(DispatcherConfig config, Optional<KafkaWarmupCounters> counters) {
        PacingConfig p = config.pacing();
        return counters.map(c -> new ScheduledWarmup(p.warmups(), p.warmupPartitions(), c, p.warmupLendAfter()));
    }

    static Pacing pacing(DispatcherConfig config, Optional<ScheduledWarmup> scheduled, DomainShards shards,
                         Optional<KafkaAdaptiveStates> adaptiveStates, Clock clock) {
        PacingConfig p = config.pacing();
        boolean byMx = p.policies().stream().anyMatch(policy -> policy.matcher() instanceof PolicyMatcher.MxSuffix);
        MxHostNames mxHosts = byMx
                ? new ResolverMxHostNames(new CachingMxResolver(new DnsMxResolver(config.delivery().routes().dns()), clock))
                : domain -> List.of();
        TrafficPolicies policies = new TrafficPolicies(p.policies(), p.defaultPolicy(), mxHosts, clock);
        WarmupBudget warmup = scheduled.<WarmupBudget>map(w -> w).orElse(WarmupBudget.NONE);
        requireScheduledAddressesInTheirPools(p.warmups(), config.delivery().sendingPools());
        return new Pacing(policies, shards, PoolNames.of(config.delivery().sendingPools()), p.adaptive(), warmup,
                p.warmupMaxWaitInMemory(), adaptiveStates.<AdaptiveStateStore>map(a -> a).orElseGet(AdaptiveStateStore::inMemory),
                config.engine().pool().transactionalConnections(), PoolAddresses.of(config.delivery().sendingPools()), clock);
    }

    /** A schedule's {@code address} must be one of its pool's: a budget no connection ever spends would hold the pool's mail. */
    static void requireScheduledAddressesInTheirPools(List<WarmupSchedule> schedules, SendingPools pools) {
        for (WarmupSchedule s : schedules) {
            if (s.address().isEmpty()) {
                continue;
            }
            List<String> addresses = PoolAddresses.of(pools).of(s.pool());
            if (!addresses.contains(s.address().get())) {
                throw new InvalidConfigException("warmup." + s.name() + ".address", s.address().get() + " is not an address of the "
                        + "sending pool '" + s.pool() + "' (" + (addresses.isEmpty() ? "no such pool" : String.join(",", addresses)) + ")");
            }
        }
    }
}
