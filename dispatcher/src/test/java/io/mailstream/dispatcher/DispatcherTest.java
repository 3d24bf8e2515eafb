package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.outcome.SmtpReply;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.schemas.registry.InMemorySchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();

    private static MockConsumer<byte[], byte[]> table(String topic, List<ConsumerRecord<byte[], byte[]>> records) {
        MockConsumer<byte[], byte[]> c = new MockConsumer<>("earliest");
        TopicPartition tp = new TopicPartition(topic, 0);
        c.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
        c.updateBeginningOffsets(Map.of(tp, 0L));
        c.updateEndOffsets(Map.of(tp, (long) records.size()));
        c.schedulePollTask(() -> records.forEach(c::addRecord));
        return c;
    }

    @Test
    void startedDispatcherShouldDeliverCommitAndCloseEveryClient() throws Exception {
        Campaign campaign = Fixtures.campaign("c1").build();
        byte[] campaignBytes = AvroSerde.forValue(Campaign.class, registry).serializer().serialize(Topics.CAMPAIGNS, campaign);
        MockConsumer<byte[], byte[]> campaigns = table(Topics.CAMPAIGNS,
                List.of(new ConsumerRecord<>(Topics.CAMPAIGNS, 0, 0L, "c1".getBytes(StandardCharsets.UTF_8), campaignBytes)));
        MockConsumer<byte[], byte[]> suppressions = table(Topics.SUPPRESSIONS, List.of());
        MockConsumer<byte[], byte[]> mail = new MockConsumer<>("earliest");
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        List<String> sent = new CopyOnWriteArrayList<>();
        MailTransport transport = new MailTransport() {
            @Override
            public DeliveryOutcome send(RenderedMessage m) {
                sent.add(m.recipient().asString());
                return new DeliveryOutcome.Delivered(SmtpReply.of(250, "ok"), "sink");
            }

            @Override
            public void close() {
            }
        };
        DispatcherConfig config = DispatcherConfig.builder().bootstrapServers("unused:9092")
                .schemaRegistryUrl("http://unused:8081").smtpHost("sink").bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .dispatcherId("d1").pollTimeout(Duration.ofMillis(10)).shutdownGracePeriod(Duration.ofSeconds(5)).build();
        TopicPartition out = new TopicPartition(Topics.OUTBOUND, 0);
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        mail.schedulePollTask(() -> {
            mail.rebalance(List.of(out));
            mail.updateBeginningOffsets(Map.of(out, 0L));
            for (int i = 0; i < 3; i++) {
                MailMessage m = Fixtures.campaignMessage("c1", "u" + i + "@example.com", Map.of("name", "U" + i)).build();
                mail.addRecord(new ConsumerRecord<>(Topics.OUTBOUND, 0, i, "example.com".getBytes(StandardCharsets.UTF_8),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
            }
        });

        Dispatcher dispatcher = new Dispatcher(config, registry,
                new DispatcherClients(mail, campaigns, suppressions, producer), transport, Clock.systemUTC());
        dispatcher.start();
        assertThat(dispatcher.campaigns().latest("c1")).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            var c = mail.committed(Set.of(out)).get(out);
            return c != null && c.offset() == 3L;
        });
        dispatcher.close();

        assertThat(dispatcher.awaitTermination(Duration.ZERO)).isTrue();
        assertThat(dispatcher.failure()).isEmpty();
        assertThat(mail.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
        assertThat(campaigns.closed()).isTrue();
        assertThat(producer.history().stream().filter(r -> r.topic().equals(Topics.DELIVERY_EVENTS))).hasSize(3);
    }
}
