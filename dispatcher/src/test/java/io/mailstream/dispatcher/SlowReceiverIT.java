package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.embedded.smtp.SinkLatency;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Thousands of SMTP transactions in flight against a receiver that takes seconds to answer the
 * end of DATA: each delivery worker is a virtual thread, so the dispatcher holds them all without an
 * OS thread each. The reply takes 5 s (real receivers: 0.1 to over 1 s) so that on a busy 2-core
 * machine all 5 000 connections are open before the first transactions end.
 */
class SlowReceiverIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final int MESSAGES = 5_000;
    private static final String CAMPAIGN = "slow-receiver-c1";

    @Test
    void fiveThousandSlowTransactionsShouldRunAtOnceWithoutAThreadEach() throws Exception {
        SchemaRegistry registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        AvroSerde<MailMessage> messages = AvroSerde.forValue(MailMessage.class, registry);
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        List<MailMessage> sent = publish(registry, messages);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        try (SmtpSink slowSink = SmtpSink.start(SmtpSinkConfig.defaults()
                .withLatency(new SinkLatency(Duration.ZERO, Duration.ofSeconds(5))));
             Dispatcher dispatcher = Dispatcher.create(config(slowSink), registry)) {
            threads.resetPeakThreadCount();
            dispatcher.start();

            // Every transaction waits 5 s for its reply: all of them are open at the same time.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(() -> slowSink.transactionsInFlight() >= 4_000);
            await().atMost(Duration.ofSeconds(120)).until(() -> slowSink.count() == MESSAGES);

            // Platform threads (ThreadMXBean counts no virtual ones): the broker's, the sink's acceptor, the
            // dispatcher's poll and guard threads; not one per transaction.
            assertThat(threads.getPeakThreadCount()).as("peak platform threads").isLessThan(1_000);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(new DeliveryEventsTopic(STACK.bootstrapServers(), events).terminalPerMessage(sent))
                            .hasSize(MESSAGES).allSatisfy((id, n) -> assertThat(n).isEqualTo(1L)));
        }
    }

    private static DispatcherConfig config(SmtpSink sink) {
        return DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(sink.host())
                .smtpPort(sink.port())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId("slow-receiver-it")
                .dispatcherId("slow-1")
                .pollTimeout(Duration.ofMillis(100))
                .pacing(PacingProperties.parse(Map.of("policy.default.max-connections", String.valueOf(MESSAGES))))
                .engine(DeliverySettings.defaults()
                        .withEngine(new EngineSettings(MESSAGES, MESSAGES, MESSAGES, 2 * MESSAGES,
                                EngineSettings.DEFAULT_COMMIT_INTERVAL))
                        .withPool(new PoolSettings(MESSAGES, PoolSettings.DEFAULT_MAX_MESSAGES_PER_CONNECTION,
                                PoolSettings.DEFAULT_IDLE_TIMEOUT)))
                .build();
    }

    private static List<MailMessage> publish(SchemaRegistry registry, AvroSerde<MailMessage> messages) throws Exception {
        List<MailMessage> out = new ArrayList<>(MESSAGES);
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
            for (int i = 0; i < MESSAGES; i++) {
                MailMessage m = Fixtures.campaignMessage(CAMPAIGN, "slow" + i + "@slow.example", Map.of("name", "U" + i))
                        .setCreatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
                out.add(m);
            }
            producer.flush();
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
