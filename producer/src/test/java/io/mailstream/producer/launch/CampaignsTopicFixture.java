package io.mailstream.producer.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The {@code mail.campaigns} topic of the {@link CampaignStateChanger} tests, without a broker: a mock
 * consumer reads what the test put in the topic, a mock producer keeps what the changer wrote.
 */
final class CampaignsTopicFixture {
    private static final TopicPartition TP = new TopicPartition(Topics.CAMPAIGNS, 0);

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);

    /** A changer over this topic whose clock stands at {@code now}. */
    CampaignStateChanger changer(Instant now) {
        return CampaignStateChanger.using(producer, consumer, registry, cluster(), Clock.fixed(now, ZoneOffset.UTC));
    }

    ClusterConfig cluster() {
        return ClusterConfig.of("localhost:9092", registry);
    }

    /** The compacted topic as the consumer will read it: records in offset order, null value = tombstone. */
    void holds(List<Map.Entry<String, Campaign>> records) {
        consumer.updatePartitions(Topics.CAMPAIGNS, List.of(new PartitionInfo(Topics.CAMPAIGNS, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        consumer.updateEndOffsets(Map.of(TP, (long) records.size()));
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < records.size(); i++) {
                Campaign value = records.get(i).getValue();
                consumer.addRecord(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, i, records.get(i).getKey(),
                        value == null ? null : serde.serializer().serialize(Topics.CAMPAIGNS, value)));
            }
        });
    }

    /** The topic holds one record, {@code latest} keyed by its id. */
    void holds(Campaign latest) {
        holds(List.of(Map.entry(latest.getId(), latest)));
    }

    /** The one record the changer wrote, which must be keyed {@code campaignId}. */
    Campaign published(String campaignId) {
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).key()).isEqualTo(campaignId);
        return serde.deserializer().deserialize(Topics.CAMPAIGNS, producer.history().get(0).value());
    }
}
