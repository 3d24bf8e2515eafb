package io.mailstream.schemas.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import io.mailstream.schemas.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics declared in {@link Topics} (or any list of {@link TopicSpec}s) that are
 * missing, with their partition counts and configs. Running it again is harmless: existing topics
 * are left alone, and those whose partition count differs are reported in the
 * {@link ProvisioningResult} (call {@link ProvisioningResult#requireNoMismatches()} to be strict).
 *
 * <p>Either borrows an {@link Admin} (the caller closes it) or, from {@link #forBootstrapServers},
 * owns one and closes it in {@link #close()}.
 */
public final class TopicProvisioner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final boolean ownsAdmin;
    private final Duration timeout;

    private TopicProvisioner(Admin admin, boolean ownsAdmin, Duration timeout) {
        if (admin == null) {
            throw new IllegalArgumentException("admin is null");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.admin = admin;
        this.ownsAdmin = ownsAdmin;
        this.timeout = timeout;
    }

    /** Uses the given admin client, which stays open after {@link #close()}. */
    public static TopicProvisioner using(Admin admin, Duration timeout) {
        return new TopicProvisioner(admin, false, timeout);
    }

    public static TopicProvisioner using(Admin admin) {
        return using(admin, DEFAULT_TIMEOUT);
    }

    /** Opens its own admin client to the given cluster, closed by {@link #close()}. */
    public static TopicProvisioner forBootstrapServers(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are empty");
        }
        return forCluster(KafkaConnection.plaintext(bootstrapServers));
    }

    /** Opens its own admin client with the user's client settings (TLS, SASL ...), closed by {@link #close()}. */
    public static TopicProvisioner forCluster(KafkaConnection kafka) {
        Admin admin = Admin.create(kafka.merge(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, "mailstream-topic-provisioner")));
        return new TopicProvisioner(admin, true, DEFAULT_TIMEOUT);
    }

    /** Provisions with replication factor min(3, brokers in the cluster). */
    public ProvisioningResult provision(List<TopicSpec> specs) {
        int brokers = await(admin.describeCluster().nodes(), "the cluster").size();
        return provision(specs, ProvisioningPlan.defaultReplicationFactor(brokers));
    }

    public ProvisioningResult provision(List<TopicSpec> specs, short replicationFactor) {
        return provision(specs, replicationFactor, OptionalInt.empty());
    }

    /**
     * Provisions with an explicit replication factor and, when given, {@code min.insync.replicas}
     * on every created topic (e.g. 3 and 2 on a 3-broker cluster: one broker may fail without
     * stopping acks=all writers). Existing topics are left as they are.
     */
    public ProvisioningResult provision(List<TopicSpec> specs, short replicationFactor, OptionalInt minInsyncReplicas) {
        minInsyncReplicas.ifPresent(m -> {
            if (m < 1 || m > replicationFactor) {
                throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor "
                        + replicationFactor + ", was " + m);
            }
        });
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        ProvisioningPlan plan = ProvisioningPlan.of(specs, existingPartitions(specs));
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>(plan.existing());
        List<PartitionMismatch> mismatches = new ArrayList<>(plan.mismatches());
        if (!plan.toCreate().isEmpty()) {
            List<NewTopic> newTopics = plan.toCreate().stream()
                    .map(s -> new NewTopic(s.name(), s.partitions(), replicationFactor).configs(configs(s, minInsyncReplicas)))
                    .toList();
            Map<String, KafkaFuture<Void>> futures = admin.createTopics(newTopics).values();
            List<TopicSpec> raced = new ArrayList<>();
            for (TopicSpec spec : plan.toCreate()) {
                try {
                    futures.get(spec.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(spec.name());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        raced.add(spec); // someone else created it between our describe and create
                    } else {
                        throw TopicProvisioningException.creating(spec.name(), e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw TopicProvisioningException.creating(spec.name(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw TopicProvisioningException.creating(spec.name(), e);
                }
            }
            if (!raced.isEmpty()) {
                ProvisioningPlan again = ProvisioningPlan.of(raced, existingPartitions(raced));
                existing.addAll(again.existing());
                mismatches.addAll(again.mismatches());
            }
        }
        ProvisioningResult result = new ProvisioningResult(created, existing, mismatches);
        if (!created.isEmpty()) {
            LOG.info("Created topics {} (replication factor {})", created, replicationFactor);
        }
        for (PartitionMismatch m : mismatches) {
            LOG.warn("Topic {} has {} partitions, declared {}; left unchanged",
                    m.topic(), m.actualPartitions(), m.expectedPartitions());
        }
        return result;
    }

    private static Map<String, String> configs(TopicSpec spec, OptionalInt minInsyncReplicas) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        minInsyncReplicas.ifPresent(m -> configs.put("min.insync.replicas", Integer.toString(m)));
        return configs;
    }

    private Map<String, Integer> existingPartitions(List<TopicSpec> specs) {
        Set<String> all = await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(), "topic names");
        Set<String> wanted = specs.stream().map(TopicSpec::name).filter(all::contains).collect(Collectors.toSet());
        Map<String, Integer> partitions = new HashMap<>();
        if (!wanted.isEmpty()) {
            Map<String, TopicDescription> d = await(admin.describeTopics(wanted).allTopicNames(), "topics " + wanted);
            d.forEach((name, desc) -> partitions.put(name, desc.partitions().size()));
        }
        return partitions;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw TopicProvisioningException.describing(what, e.getCause());
        } catch (TimeoutException e) {
            throw TopicProvisioningException.describing(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TopicProvisioningException.describing(what, e);
        }
    }

    @Override
    public void close() {
        if (ownsAdmin) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
