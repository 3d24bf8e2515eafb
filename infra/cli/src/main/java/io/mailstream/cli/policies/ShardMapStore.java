package io.mailstream.cli.policies;

import io.mailstream.avro.ShardMap;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.sites.ShardMapTopic;
import io.mailstream.schemas.topics.TopicProvisioner;
import io.mailstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes and reads the fleet's shard map in {@link Topics#SHARD_MAP} (creating the topic when it is missing). */
final class ShardMapStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConnection kafka;
    private final AvroSerde<ShardMap> serde;

    ShardMapStore(KafkaConnection kafka, SchemaRegistry registry) {
        this.kafka = kafka;
        this.serde = AvroSerde.forValue(ShardMap.class, registry);
    }

    /** Publishes {@code shards} and waits for Kafka's acknowledgement (acks=all). */
    void apply(DomainShards shards, String source, Instant now) throws InterruptedException, ExecutionException, TimeoutException {
        try (TopicProvisioner provisioner = TopicProvisioner.forCluster(kafka)) {
            provisioner.provision(Topics.all().stream().filter(t -> t.name().equals(Topics.SHARD_MAP)).toList());
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.merge(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "mailstream-policies-apply",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())))) {
            producer.send(ShardMapTopic.record(shards, source, now, serde.serializer())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The map in force; empty when none was ever applied. */
    Optional<DomainShards> read() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.merge(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-policies-show",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())))) {
            return ShardMapTopic.readLatest(consumer, serde.deserializer(), TIMEOUT);
        }
    }

    static List<String> describe(DomainShards shards) {
        return shards.shards().isEmpty() ? List.of("(no target is sharded: every routing key is one shard)")
                : List.of(shards.asSpec().split(","));
    }
}
