package io.mailstream.schemas.sites;

import io.mailstream.avro.ShardMap;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The shard map as a record of {@link Topics#SHARD_MAP} (the one source of truth for shard counts)
 * and back, and the read of its latest value that launch, the API and the dispatchers do at start.
 */
public final class ShardMapTopic {
    public static final String KEY = "shard-map";
    private static final TopicPartition PARTITION = new TopicPartition(Topics.SHARD_MAP, 0);

    private ShardMapTopic() {
    }

    public static ProducerRecord<byte[], byte[]> record(DomainShards shards, String source, Instant appliedAt,
                                                        Serializer<ShardMap> serializer) {
        Map<String, Integer> m = new TreeMap<>();
        shards.shards().forEach((t, n) -> m.put(t.asKey(), n));
        ShardMap value = new ShardMap(Map.copyOf(m), source, appliedAt);
        return new ProducerRecord<>(Topics.SHARD_MAP, KEY.getBytes(StandardCharsets.UTF_8),
                serializer.serialize(Topics.SHARD_MAP, value));
    }

    /** The shards of a record's value; an entry that is not a domain or a site fails naming it. */
    public static DomainShards shardsOf(ShardMap value) {
        Map<RouteTarget, Integer> m = new LinkedHashMap<>();
        value.getShards().forEach((k, n) -> m.put(DomainShards.target(k), n));
        return new DomainShards(m);
    }

    /**
     * The latest shard map in the topic, read from its start to the end offset taken now (the topic
     * holds one key, so this is short); empty when none was ever applied or the topic does not exist.
     * The consumer is assigned (no group) and left assigned.
     */
    public static Optional<DomainShards> readLatest(Consumer<?, byte[]> consumer, Deserializer<ShardMap> deserializer,
                                                    Duration timeout) {
        if (consumer.partitionsFor(Topics.SHARD_MAP, timeout).isEmpty()) {
            return Optional.empty();
        }
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
        long end = consumer.endOffsets(List.of(PARTITION), timeout).getOrDefault(PARTITION, 0L);
        Optional<DomainShards> latest = Optional.empty();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(PARTITION, timeout) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + Topics.SHARD_MAP + " to its end offset " + end
                        + " within " + timeout);
            }
            // the topic holds the one key KEY: the last record is the map in force (a tombstone: none)
            for (ConsumerRecord<?, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                latest = r.value() == null ? Optional.empty()
                        : Optional.of(shardsOf(deserializer.deserialize(r.topic(), r.value())));
            }
        }
        return latest;
    }

    /**
     * The shards a component uses, given what it was configured with and what the topic holds: the
     * published map when the component names none; its own when nothing was published; refused, with
     * both maps named, when they differ (a guess would give two owners the same share of a budget).
     */
    public static DomainShards reconcile(String component, DomainShards configured, Optional<DomainShards> published) {
        if (published.isEmpty()) {
            return configured;
        }
        if (configured.shards().isEmpty() || configured.equals(published.get())) {
            return published.get();
        }
        throw new ShardMapMismatchException(component, configured, published.get());
    }
}
