package io.mailstream.cli.bench.suppressions;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionPart;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.AvroSerializer;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes suppressions to {@code mail.suppressions} as the bounce processor would (one record per
 * address, with parts), fast: big lz4 batches spread over the topic's partitions by key.
 * Of every ten addresses seven bounced hard, two unsubscribed from one list, one complained.
 */
final class SuppressionLoader {
    private final String bootstrapServers;
    private final AvroSerializer<Suppression> serializer;
    private final Instant at;

    SuppressionLoader(String bootstrapServers, SchemaRegistry registry, Instant at) {
        this.bootstrapServers = bootstrapServers;
        this.serializer = AvroSerde.forValue(Suppression.class, registry).serializer();
        this.at = at;
    }

    /** Writes addresses {@code from … to-1} and waits until every record is acknowledged. */
    void load(long from, long to) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.ACKS_CONFIG, "all");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = from; i < to && failure.get() == null; i++) {
                String address = BenchAddresses.address(i);
                producer.send(new ProducerRecord<>(Topics.SUPPRESSIONS, address.getBytes(StandardCharsets.UTF_8),
                        serializer.serialize(Topics.SUPPRESSIONS, suppression(i, address))), (m, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing suppressions to " + Topics.SUPPRESSIONS + " failed", failure.get());
        }
    }

    private Suppression suppression(long i, String address) {
        int kind = (int) (i % 10);
        SuppressionSource source = kind < 7 ? SuppressionSource.BOUNCE : kind < 9 ? SuppressionSource.UNSUBSCRIBE
                : SuppressionSource.COMPLAINT;
        String reason = switch (source) {
            case BOUNCE -> "userunknown";
            case UNSUBSCRIBE -> "unsubscribe";
            default -> "complaint";
        };
        SuppressionPart part = SuppressionPart.newBuilder().setSource(source).setReason(reason).setFirstSeen(at).setLastSeen(at)
                .setScope(source == SuppressionSource.UNSUBSCRIBE ? BenchAddresses.list(i) : null).build();
        return Suppression.newBuilder().setAddress(address).setSource(source).setReason(reason).setFirstSeen(at).setLastSeen(at)
                .setParts(List.of(part)).build();
    }
}
