package io.mailstream.bounces.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.Sender;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CampaignCompletion} on the real broker: what it marks DONE, what it leaves alone, and how it writes. */
class CampaignCompletionIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static Campaign campaign(String id, CampaignState state, Long expected, long stateVersion) {
        return Campaign.newBuilder().setId(id).setVersion(4).setName("Spring sale")
                .setSender(Sender.newBuilder().setAddress("news@example.org").build()).setSubjectTemplate("Hi {{first_name}}")
                .setState(state).setUpdatedAt(Instant.parse("2026-03-01T09:00:00Z")).setStateVersion(stateVersion)
                .setExpectedMessages(expected).build();
    }

    private static CampaignStats finished(String id, long delivered, long bounced) {
        return new CampaignStats(id, delivered, 3, bounced, 0, 0, 0, 0, 0, Map.of(), 0);
    }

    @Test
    void onlyASendingOrPausedCampaignWithEveryMessageFinishedShouldBeMarkedDoneKeepingItsRecord() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<Campaign> serde = AvroSerde.forValue(Campaign.class, registry);
        Map<String, CampaignStats> stats = new ConcurrentHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            for (Campaign c : new Campaign[] {
                    campaign("finished", CampaignState.SENDING, 5L, 2),
                    campaign("paused-finished", CampaignState.PAUSED, 2L, 3),
                    campaign("one-left", CampaignState.SENDING, 5L, 2),
                    campaign("still-launching", CampaignState.SENDING, null, 1),
                    campaign("cancelled", CampaignState.CANCELLED, 5L, 3)}) {
                producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, c.getId(), serde.serializer().serialize(Topics.CAMPAIGNS, c))).get();
            }
        }
        stats.put("finished", finished("finished", 4, 1));
        stats.put("paused-finished", finished("paused-finished", 2, 0));
        stats.put("one-left", finished("one-left", 3, 1));
        stats.put("still-launching", finished("still-launching", 9, 0));
        stats.put("cancelled", finished("cancelled", 5, 0));

        try (CampaignCompletion completion = new CampaignCompletion(KafkaConnection.plaintext(STACK.bootstrapServers()),
                "completion-it", serde, id -> Optional.ofNullable(stats.get(id)), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), java.time.ZoneOffset.UTC))) {
            assertThat(completion.round()).containsExactlyInAnyOrder("finished", "paused-finished");
            assertThat(completion.round()).as("DONE is final: nothing to mark again").isEmpty();

            stats.put("one-left", finished("one-left", 4, 1));
            assertThat(completion.round()).containsExactly("one-left");

            Map<String, Campaign> now;
            try (var reader = new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.<String, Object>of(
                    "bootstrap.servers", STACK.bootstrapServers(), "isolation.level", "read_committed"),
                    new org.apache.kafka.common.serialization.StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
                now = Map.copyOf(new CampaignLog(reader, serde, Duration.ofSeconds(30)).catchUp());
            }
            Campaign done = now.get("finished");
            assertThat(done.getState()).isEqualTo(CampaignState.DONE);
            assertThat(done.getStateVersion()).isEqualTo(3);
            assertThat(done.getUpdatedAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(done.getVersion()).as("the templates are kept").isEqualTo(4);
            assertThat(done.getSubjectTemplate()).isEqualTo("Hi {{first_name}}");
            assertThat(done.getExpectedMessages()).isEqualTo(5L);
            assertThat(now.get("still-launching").getState()).isEqualTo(CampaignState.SENDING);
            assertThat(now.get("cancelled").getState()).isEqualTo(CampaignState.CANCELLED);
        }
    }
}
