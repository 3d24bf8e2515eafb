package io.mailstream.producer.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.Outcome;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusTopologyTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final AvroSerde<DeliveryEvent> serde = AvroSerde.forValue(DeliveryEvent.class, registry);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> statuses;

    @BeforeEach
    void start() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-topology-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(StatusTopology.build(new StreamsBuilder(), new TransactionalEvents(serde, registry)), p);
        events = driver.createInputTopic(Topics.DELIVERY_EVENTS, new StringSerializer(), new ByteArraySerializer());
        statuses = driver.createOutputTopic(Topics.TRANSACTIONAL_STATUS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private byte[] event(String messageId, String campaignId, Outcome outcome, String tenant) {
        return serde.serializer().serialize(Topics.DELIVERY_EVENTS, DeliveryEvent.newBuilder()
                .setMessageId(messageId).setCampaignId(campaignId).setRecipient("a@example.com").setOutcome(outcome)
                .setTimestamp(Instant.parse("2026-12-03T10:00:00Z")).setDispatcherId("d1").setTenant(tenant).build());
    }

    @Test
    void onlyEventsOfTransactionalMessagesShouldReachTheStatusTopic() {
        events.pipeInput("c1", event("c1", "newsletter", Outcome.DELIVERED, "acme"));
        events.pipeInput("t1", event("t1", null, Outcome.DEFERRED, "acme"));
        events.pipeInput("c2", event("c2", "newsletter", Outcome.BOUNCED, null));
        events.pipeInput("t1", event("t1", null, Outcome.DELIVERED, "acme"));

        assertThat(statuses.readKeyValuesToList()).extracting(kv -> kv.key + ":"
                        + serde.deserializer().deserialize(Topics.TRANSACTIONAL_STATUS, kv.value).getOutcome())
                .containsExactly("t1:DEFERRED", "t1:DELIVERED");
    }

    @Test
    void undecodableEventsShouldBeLeftOutAndTheNextOnesStillCopied() {
        events.pipeInput("junk", new byte[] {0, 0, 0, 0, 99, 1, 2});
        byte[] truncated = event("t9", null, Outcome.DELIVERED, "acme");
        events.pipeInput("t9", java.util.Arrays.copyOf(truncated, 8));
        events.pipeInput("t2", event("t2", null, Outcome.DELIVERED, "acme"));

        assertThat(statuses.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("t2");
    }

    @Test
    void theStatusStoreShouldHoldTheLatestEventOfEachMessage() {
        TestInputTopic<String, byte[]> statusTopic = driver.createInputTopic(Topics.TRANSACTIONAL_STATUS,
                new StringSerializer(), new ByteArraySerializer());
        statusTopic.pipeInput("t3", event("t3", null, Outcome.DEFERRED, "acme"));
        statusTopic.pipeInput("t3", event("t3", null, Outcome.DELIVERED, "acme"));

        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(StatusTopology.STATUS_STORE);
        assertThat(serde.deserializer().deserialize(Topics.TRANSACTIONAL_STATUS, store.get("t3")).getOutcome())
                .isEqualTo(Outcome.DELIVERED);
        assertThat(store.get("c1")).isNull();
    }

    @Test
    void onlyAWriterSchemaStartingWithMessageIdAndCampaignIdShouldBeReadByPeeking() {
        org.apache.avro.Schema reordered = new org.apache.avro.Schema.Parser().parse("""
                {"type": "record", "name": "DeliveryEvent", "namespace": "io.mailstream.avro", "fields": [
                  {"name": "campaignId", "type": ["null", "string"], "default": null},
                  {"name": "messageId", "type": "string"}]}""");

        assertThat(TransactionalEvents.startsWithIdAndCampaign(DeliveryEvent.getClassSchema())).isTrue();
        assertThat(TransactionalEvents.startsWithIdAndCampaign(reordered)).isFalse();
    }
}
