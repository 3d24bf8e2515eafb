package io.mailstream.cli.lag;

import io.mailstream.cli.lag.LagCalculator.Offsets;
import io.mailstream.schemas.kafka.KafkaConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads consumer lag from Kafka with the Admin API: the groups ({@code listGroups}), their committed
 * offsets ({@code listConsumerGroupOffsets}), the partitions of their topics ({@code describeTopics})
 * and the log start/end offsets ({@code listOffsets}). Every call is bounded by the timeout, so an
 * unreachable broker is reported as {@link BrokerUnreachableException} instead of hanging.
 */
public final class LagReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagReader.class);

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Clock clock;

    private LagReader(Admin admin, String bootstrapServers, Duration timeout, Clock clock) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.clock = clock;
    }

    public static LagReader connect(String bootstrapServers, Duration timeout, Clock clock) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers are required");
        }
        return connect(KafkaConnection.plaintext(bootstrapServers), timeout, clock);
    }

    /** A reader whose admin client carries the user's client settings (TLS, SASL ...). */
    public static LagReader connect(KafkaConnection kafka, Duration timeout, Clock clock) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties props = new Properties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mailstream-lag");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        // Do not spend the whole timeout retrying a refused connection with long pauses.
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return new LagReader(Admin.create(kafka.merge(props)), kafka.bootstrapServers(), timeout, clock);
    }

    /** One sample of every matching group's lag. */
    public LagSnapshot read(GroupFilter filter) {
        List<String> groups = groups(filter);
        Map<String, Map<String, Map<Integer, Long>>> committed = new HashMap<>();
        Set<String> topics = new TreeSet<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "listing offsets of group " + group);
            Map<String, Map<Integer, Long>> byTopic = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    byTopic.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), om.offset());
                }
            });
            committed.put(group, byTopic);
            topics.addAll(byTopic.keySet());
        }
        Map<String, Map<Integer, Offsets>> logOffsets = logOffsets(topics);
        List<PartitionLag> all = new ArrayList<>();
        for (String group : groups) {
            all.addAll(LagCalculator.lagOf(group, committed.get(group), logOffsets));
        }
        return LagCalculator.snapshot(clock.instant(), all);
    }

    private List<String> groups(GroupFilter filter) {
        if (!filter.listsGroups()) {
            return filter.names();
        }
        List<String> out = new ArrayList<>();
        for (GroupListing g : await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "listing consumer groups")) {
            if (filter.accepts(g.groupId())) {
                out.add(g.groupId());
            }
        }
        out.sort(null);
        return out;
    }

    private Map<String, Map<Integer, Offsets>> logOffsets(Set<String> topics) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, TopicDescription> described = await(admin.describeTopics(topics).allTopicNames(), "describing topics " + topics);
        Set<TopicPartition> partitions = new HashSet<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        });
        Map<TopicPartition, ListOffsetsResultInfo> starts = await(admin.listOffsets(earliest).all(), "listing earliest offsets");
        Map<TopicPartition, ListOffsetsResultInfo> ends = await(admin.listOffsets(latest).all(), "listing latest offsets");
        Map<String, Map<Integer, Offsets>> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            long start = starts.get(tp).offset();
            long end = ends.get(tp).offset();
            out.computeIfAbsent(tp.topic(), t -> new HashMap<>()).put(tp.partition(), new Offsets(start, Math.max(start, end)));
        }
        return out;
    }

    private <T> T await(KafkaFuture<T> future, String step) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw BrokerUnreachableException.create(bootstrapServers, timeout, step, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (unreachable(cause)) {
                throw BrokerUnreachableException.create(bootstrapServers, timeout, step, cause);
            }
            throw LagReadException.create(step, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LagReadException.create(step, e);
        }
    }

    /**
     * A timeout anywhere in the cause chain, or listGroups' "Failed to find brokers" (its metadata
     * lookup timed out without naming a timeout), means no broker answered.
     */
    private static boolean unreachable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.TimeoutException || t instanceof TimeoutException
                    || (t.getMessage() != null && t.getMessage().startsWith("Failed to find brokers"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
        LOG.debug("Closed the lag reader for {}", bootstrapServers);
    }
}
