package io.mailstream.dispatcher;

import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.KafkaClientProperties;
import io.mailstream.dispatcher.config.PacingConfig;
import io.mailstream.dispatcher.policy.MxHostNames;
import io.mailstream.dispatcher.policy.PolicyMatcher;
import io.mailstream.dispatcher.policy.ResolverMxHostNames;
import io.mailstream.dispatcher.policy.TrafficPolicies;
import io.mailstream.dispatcher.routing.CachingMxResolver;
import io.mailstream.dispatcher.routing.DnsMxResolver;
import io.mailstream.dispatcher.throttle.Pacing;
import io.mailstream.dispatcher.throttle.PoolNames;
import io.mailstream.dispatcher.warmup.KafkaWarmupCounters;
import io.mailstream.dispatcher.warmup.ScheduledWarmup;
import io.mailstream.dispatcher.warmup.WarmupBudget;
import io.mailstream.schemas.registry.SchemaRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;

/** Builds a dispatcher's {@link Pacing} from its configuration: policies (with MX lookups if a policy matches by MX suffix) and warm-up. */
final class PacingAssembly {
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

    static Pacing pacing(DispatcherConfig config, Optional<KafkaWarmupCounters> counters, Clock clock) {
        PacingConfig p = config.pacing();
        boolean byMx = p.policies().stream().anyMatch(policy -> policy.matcher() instanceof PolicyMatcher.MxSuffix);
        MxHostNames mxHosts = byMx
                ? new ResolverMxHostNames(new CachingMxResolver(new DnsMxResolver(config.delivery().routes().dns()), clock))
                : domain -> List.of();
        TrafficPolicies policies = new TrafficPolicies(p.policies(), p.defaultPolicy(), mxHosts, clock);
        WarmupBudget warmup = counters.<WarmupBudget>map(c -> new ScheduledWarmup(p.warmups(), p.warmupPartitions(), c))
                .orElse(WarmupBudget.NONE);
        return new Pacing(policies, p.shards(), PoolNames.of(config.delivery().sendingPools()), p.adaptive(), warmup, p.warmupMaxWaitInMemory(), clock);
    }
}
