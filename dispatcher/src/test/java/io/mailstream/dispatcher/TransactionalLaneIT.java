package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.CampaignState;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DeliverySettings;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.metrics.DispatcherMetrics;
import io.mailstream.dispatcher.metrics.LaneMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.dispatcher.support.StackDispatchers;
import io.mailstream.dispatcher.support.HoldingSmtpServer;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.testkit.PipelineStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The transactional lane on the real embedded stack (issue 14): a paused campaign far larger than the
 * buffers neither holds memory nor stops transactional mail or another campaign; a domain throttled
 * and saturated by a campaign still takes a transactional message at once; a destination whose
 * connections a slow receiver holds for a campaign still has the transactional lane's reserved one.
 */
class TransactionalLaneIT {
    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private SchemaRegistry registry;
    private AvroSerde<MailMessage> messages;
    private AvroSerde<DeliveryEvent> events;

    @BeforeEach
    void setUp() {
        STACK.sink().clearRules();
        STACK.sink().reset();
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        messages = AvroSerde.forValue(MailMessage.class, registry);
        events = AvroSerde.forValue(DeliveryEvent.class, registry);
    }

    private DispatcherConfig.Builder config(String group) {
        return StackDispatchers.config(STACK, group, group);
    }

    @Test
    void aPausedCampaignOf20000ShouldNotStopTransactionalMailNorAnotherCampaignOnASmallBuffer() throws Exception {
        campaign("lane-paused", CampaignState.PAUSED);
        campaign("lane-active", CampaignState.SENDING);
        Instant created = Instant.now();
        List<MailMessage> paused = publishCampaign("lane-paused", "paused.example", 20_000, created);
        List<MailMessage> active = publishCampaign("lane-active", "active.example", 300, created);
        MailMessage receipt = publishTransactional("receipt@paused.example");
        // 20 000 paused records against a buffer of 500 (200 a partition): kept in memory they would stop everything.
        EngineSettings small = new EngineSettings(8, 2, 200, 500, EngineSettings.DEFAULT_COMMIT_INTERVAL);
        DispatcherConfig config = config("lane-paused").engine(DeliverySettings.defaults().withEngine(small)).build();

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Dispatcher dispatcher = Dispatcher.create(config, registry, Clock.systemUTC(), meters)) {
            dispatcher.start();
            await().atMost(Duration.ofSeconds(120)).until(() -> events(List.of(receipt), Outcome.DELIVERED).size() == 1);
            await().atMost(Duration.ofSeconds(120)).until(() -> events(active, Outcome.DELIVERED).size() == active.size());

            assertThat(events(paused, null)).as("nothing of the paused campaign goes").isEmpty();
            assertThat(meters.get(DispatcherMetrics.BUFFERED).gauge().value())
                    .as("the paused campaign holds nothing in memory").isLessThan(500);
            assertThat(meters.get(LaneMetrics.LANE_MESSAGES).tags("lane", "transactional", "outcome", "delivered")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get(LaneMetrics.ACCEPT_TO_REPLY).tags("lane", "campaign").timer().count())
                    .isEqualTo(active.size());
        }
        assertThat(new DeliveryEventsTopic(STACK.bootstrapServers(), events).terminalPerMessage(active).values())
                .containsOnly(1L);
    }

    @Test
    void aThrottledDomainSaturatedByACampaignShouldStillTakeATransactionalMessageAtOnce() throws Exception {
        campaign("lane-throttled", CampaignState.SENDING);
        List<MailMessage> backlog = publishCampaign("lane-throttled", "throttled.example", 300, Instant.now());
        DispatcherConfig config = config("lane-throttled")
                .pacing(PacingProperties.parse(Map.of("policy.slow.domains", "throttled.example",
                        "policy.slow.max-per-second", "5")))
                .build();

        try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
            dispatcher.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> events(backlog, Outcome.DELIVERED).size() >= 5);
            long start = System.nanoTime();
            MailMessage reset = publishTransactional("reset@throttled.example");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> events(List.of(reset), Outcome.DELIVERED).size() == 1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int campaignDelivered = events(backlog, Outcome.DELIVERED).size();
            System.out.printf("transactional through a throttled, saturated domain in %d ms; campaign at %d of %d%n",
                    took.toMillis(), campaignDelivered, backlog.size());

            // At 5 a second the backlog needs a minute: the receipt did not wait behind it.
            assertThat(campaignDelivered).isLessThan(backlog.size() / 2);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aDestinationWhoseConnectionsASlowCampaignHoldsShouldStillTakeATransactionalMessageAtOnce() throws Exception {
        campaign("lane-held", CampaignState.SENDING);
        List<MailMessage> backlog = publishCampaign("lane-held", "held.example", 20, Instant.now());
        try (HoldingSmtpServer receiver = new HoldingSmtpServer("user")) {
            // 3 connections for the destination, 1 of them reserved (pool.transactional-connections, default 1); workers
            // per domain above that, so that the traffic policy's gate, not the worker cap, is what the campaign fills
            DispatcherConfig config = config("lane-held").smtpPort(receiver.port())
                    .engine(DeliverySettings.defaults().withEngine(EngineSettings.forWorkers(8, 8)))
                    .pacing(PacingProperties.parse(Map.of("policy.held.domains", "held.example",
                            "policy.held.max-connections", "3")))
                    .build();
            try (Dispatcher dispatcher = Dispatcher.create(config, registry)) {
                try {
                    dispatcher.start();
                    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.held() == 2);
                    long start = System.nanoTime();
                    MailMessage reset = publishTransactional("reset@held.example");
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                            .until(() -> receiver.accepted().contains("reset@held.example"));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);

                    // Campaign transactions never end meanwhile: the message did not wait for one of them.
                    assertThat(took).as("publish to SMTP 250, within the issue's 3 s maximum")
                            .isLessThan(Duration.ofSeconds(3));
                    assertThat(receiver.held()).as("the campaign took no more than its share").isEqualTo(2);
                    assertThat(receiver.accepted()).containsExactly("reset@held.example");
                    await().atMost(Duration.ofSeconds(10)).until(() -> events(List.of(reset), Outcome.DELIVERED).size() == 1);
                } finally {
                    receiver.release();
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> events(backlog, Outcome.DELIVERED).size() == backlog.size());
            }
        }
    }

    private void campaign(String id, CampaignState state) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(id), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(id).setState(state).build()))).get();
        }
    }

    private List<MailMessage> publishCampaign(String campaignId, String domain, int count, Instant createdAt) throws Exception {
        List<MailMessage> out = new ArrayList<>(count);
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                MailMessage m = Fixtures.campaignMessage(campaignId, "user" + i + "@" + domain, Map.of("name", "U" + i))
                        .setCreatedAt(createdAt).build();
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
                out.add(m);
            }
            producer.flush();
        }
        return out;
    }

    private MailMessage publishTransactional(String to) throws Exception {
        MailMessage m = Fixtures.transactional(to, "Your receipt", "Thanks").setCreatedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = DeliveryEventsTopic.producer(STACK.bootstrapServers())) {
            producer.send(new ProducerRecord<>(Topics.TRANSACTIONAL, utf8(m.getRoutingKey()),
                    messages.serializer().serialize(Topics.TRANSACTIONAL, m))).get();
        }
        return m;
    }

    private List<DeliveryEvent> events(List<MailMessage> of, Outcome outcome) {
        return new DeliveryEventsTopic(STACK.bootstrapServers(), events).of(of, outcome);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
