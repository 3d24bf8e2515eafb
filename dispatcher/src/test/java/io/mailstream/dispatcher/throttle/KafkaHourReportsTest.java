package io.mailstream.dispatcher.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.AdaptiveState;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** An hourly window written to {@code mail.throttle-state} by one dispatcher reads back the same in another, apart from adaptive rates. */
class KafkaHourReportsTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private KafkaAdaptiveStates states(MockProducer<byte[], byte[]> producer) {
        return new KafkaAdaptiveStates("test-throttle-state", new MockConsumer<>("earliest"), producer, registry);
    }

    @Test
    void anHourReportShouldReadBackAsWrittenAndNotAsAnAdaptiveRate() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        KafkaAdaptiveStates writer = states(producer);
        String key = "hour|default|microsoft|site:microsoft#1/2";
        HourReport report = new HourReport("owner-1", Instant.parse("2026-11-23T10:00:05Z"),
                Map.of(Instant.parse("2026-11-23T09:59:59.999Z"), 4, Instant.parse("2026-11-23T10:00:05Z"), 2));
        writer.putHourReport(key, "microsoft", "site:microsoft#1/2", report);

        ProducerRecord<byte[], byte[]> sent = producer.history().getFirst();
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo(key);
        AdaptiveState decoded = AvroSerde.forValue(AdaptiveState.class, registry)
                .decode(new ConsumerRecord<>(Topics.THROTTLE_STATE, 0, 0, sent.key(), sent.value()));
        KafkaAdaptiveStates reader = states(producer);
        reader.upsert(key, decoded);

        assertThat(reader.hourReport(key)).contains(report);
        assertThat(reader.get(key)).isEmpty();
    }
}
