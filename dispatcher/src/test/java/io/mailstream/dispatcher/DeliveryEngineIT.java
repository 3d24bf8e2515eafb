package io.mailstream.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.MailMessage;
import io.mailstream.avro.Outcome;
import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.dispatcher.config.PacingProperties;
import io.mailstream.dispatcher.consume.EngineSettings;
import io.mailstream.dispatcher.consume.EventAckWindow;
import io.mailstream.dispatcher.outcome.DeliveryOutcome;
import io.mailstream.dispatcher.pool.PoolSettings;
import io.mailstream.dispatcher.pool.SmtpConnectionPool;
import io.mailstream.dispatcher.render.RenderedMessage;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import io.mailstream.dispatcher.support.DeliveryEventsTopic;
import io.mailstream.dispatcher.support.Fixtures;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.registry.SchemaRegistryConfig;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.MutableClock;
import io.mailstream.testkit.PipelineStackExtension;
import io.mailstream.testkit.TopicContents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consume engine on the real embedded stack: retries through the retry topics, bounces,
 * per-domain queues that keep a slow or failing domain from delaying the others of the same
 * partition, and a dispatcher stopped mid-stream and replaced without losing a message. All tests
 * share one consumer group, so each starts where the previous one committed.
 */
class DeliveryEngineIT {
    /** Transactions whose outcome may not be durable at a stop, with the default engine: (1 + window) per worker. */
    private static final int CRASH_WINDOW = EngineSettings.DEFAULT_WORKERS * (1 + EventAckWindow.DEFAULT);

    @RegisterExtension
    static final PipelineStackExtension STACK = PipelineStackExtension.perClass();

    private static final String GROUP = "engine-it";
    private static final String CAMPAIGN = "engine-c1";

    private SchemaRegistry registry;
    private AvroSerde<MailMessage> messages;
    private AvroSerde<DeliveryEvent> events;

    @BeforeEach
    void setUp() throws Exception {
        STACK.sink().clearRules();
        STACK.sink().reset();
        registry = new RestSchemaRegistryClient(SchemaRegistryConfig.of(STACK.schemaRegistryUrl()));
        messages = AvroSerde.forValue(MailMessage.class, registry);
        events = AvroSerde.forValue(DeliveryEvent.class, registry);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CAMPAIGNS, utf8(CAMPAIGN), AvroSerde.forValue(Campaign.class, registry)
                    .serializer().serialize(Topics.CAMPAIGNS, Fixtures.campaign(CAMPAIGN).build()))).get();
        }
    }

    private DispatcherConfig config(String id, Duration grace) {
        return configBuilder(id, grace).build();
    }

    private DispatcherConfig.Builder configBuilder(String id, Duration grace) {
        return DispatcherConfig.builder()
                .bootstrapServers(STACK.bootstrapServers())
                .schemaRegistryUrl(STACK.schemaRegistryUrl())
                .smtpHost(STACK.stack().smtpHost())
                .smtpPort(STACK.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId(GROUP)
                .dispatcherId(id)
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(grace)
                // These tests are about the engine: without a cool-off, a domain answering 421 or 451 4.7.x is
                // not suspended by adaptive backoff (PacingIT covers that), so all its mail is deferred at once.
                .pacing(PacingProperties.parse(Map.of("aimd.cool-off", "0s")));
    }

    @Test
    void deferredMailShouldGoThroughTheRetryTopicAndBeDeliveredOnceDue() throws Exception {
        Domain domain = Domain.of("later.example");
        STACK.sink().addRule(SinkRule.deferDomain(domain, 451, "4.7.1", "greylisted, try again later"));
        MutableClock clock = new MutableClock(Instant.now());
        List<MailMessage> sent = publish("later.example", 3, "retry", null);

        try (Dispatcher dispatcher = Dispatcher.create(config("retry-1", Duration.ofSeconds(10)), registry, clock)) {
            dispatcher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(sent, Outcome.DEFERRED).size() == 3);
            assertThat(STACK.sink().count()).isZero();

            STACK.sink().clearRules();
            clock.advance(Topics.RETRY_DELAYS.get(0).plusSeconds(1));

            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(sent, Outcome.DELIVERED).size() == 3);
        }
        assertThat(eventsOf(sent, Outcome.DELIVERED)).allSatisfy(e -> assertThat(e.getAttempt()).isEqualTo(1));
        assertThat(eventsOf(sent, Outcome.DEFERRED)).allSatisfy(e -> assertThat(e.getSmtpReplyCode()).isEqualTo(451));
        assertThat(STACK.sink().count()).isEqualTo(3);
    }

    @Test
    void permanentFailureShouldBounceWithTheServersReply() throws Exception {
        STACK.sink().addRule(SinkRule.rejectDomain(Domain.of("gone.example"), 550, "5.1.1", "user unknown"));
        List<MailMessage> sent = publish("gone.example", 2, "bounce", null);

        try (Dispatcher dispatcher = Dispatcher.create(config("bounce-1", Duration.ofSeconds(10)), registry)) {
            dispatcher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(sent, Outcome.BOUNCED).size() == 2);
        }
        assertThat(eventsOf(sent, Outcome.BOUNCED)).allSatisfy(e -> {
            assertThat(e.getSmtpReplyCode()).isEqualTo(550);
            assertThat(e.getEnhancedStatusCode()).isEqualTo("5.1.1");
        });
        assertThat(STACK.sink().count()).isZero();
    }

    @Test
    void aStalledDomainAndAFailingDomainShouldNotDelayOtherDomainsOfTheSamePartition() throws Exception {
        STACK.sink().addRule(SinkRule.deferDomain(Domain.of("failing.example"), 421, "4.3.2", "closing, try later"));
        List<MailMessage> stalled = publish("stalled.example", 5, "mixed", 0);
        List<MailMessage> failing = publish("failing.example", 5, "mixed", 0);
        List<MailMessage> healthy = new ArrayList<>();
        for (String d : List.of("a.example", "b.example", "c.example")) {
            healthy.addAll(publish(d, 20, "mixed", 0));
        }
        CountDownLatch stall = new CountDownLatch(1);
        // A server that stops answering holds a worker until the read timeout: keep it short here.
        DispatcherConfig config = configBuilder("mixed-1", Duration.ofSeconds(10)).smtpReadTimeout(Duration.ofSeconds(2)).build();
        SmtpSettings smtp = config.smtp();
        SmtpConnectionPool pool = new SmtpConnectionPool(PoolSettings.defaults(), route -> new SmtpConnection(smtp), Clock.systemUTC());
        MailTransport stallingTransport = new MailTransport() {
            private final MailTransport real = pool.toRoute(smtp.route());

            @Override
            public DeliveryOutcome send(RenderedMessage m) {
                if (m.recipient().domain().asString().equals("stalled.example")) {
                    try {
                        stall.await(); // a server that does not answer until the test lets it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return real.send(m);
            }

            @Override
            public void close() {
                real.close();
            }
        };

        try (Dispatcher dispatcher = new Dispatcher(config, registry, DispatcherClients.kafka(config), stallingTransport,
                Clock.systemUTC())) {
            dispatcher.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(healthy, Outcome.DELIVERED).size() == healthy.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(failing, Outcome.DEFERRED).size() == failing.size());
            assertThat(eventsOf(stalled, null)).as("the stalled domain is still waiting").isEmpty();

            stall.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(stalled, Outcome.DELIVERED).size() == stalled.size());
        }
    }

    @Test
    void dispatcherStoppedMidStreamAndReplacedShouldDeliverEveryMessageWithFewDuplicates() throws Exception {
        int n = 2000;
        List<MailMessage> sent = new ArrayList<>();
        for (String d : List.of("r1.example", "r2.example", "r3.example", "r4.example")) {
            sent.addAll(publish(d, n / 4, "restart", null));
        }

        try (Dispatcher first = Dispatcher.create(config("restart-1", Duration.ofMillis(400)), registry)) {
            first.start();
            assertThat(STACK.sink().awaitCount(n / 5, Duration.ofSeconds(60))).isTrue();
        } // closed mid-stream: queued mail is handed back uncommitted
        long afterFirst = STACK.sink().count();
        assertThat(afterFirst).as("the first dispatcher stopped before the end").isLessThan(n);

        try (Dispatcher second = Dispatcher.create(config("restart-2", Duration.ofSeconds(10)), registry)) {
            second.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> terminalPerMessage(sent).size() == n);
        }

        Map<String, Long> terminal = terminalPerMessage(sent);
        long duplicateEvents = terminal.values().stream().mapToLong(c -> c - 1).sum();
        long duplicateMails = STACK.sink().count() - n;
        System.out.printf("restart: %d delivered by the first dispatcher, %d duplicate mails, %d duplicate terminal events%n",
                afterFirst, duplicateMails, duplicateEvents);
        assertThat(terminal).hasSize(n);
        for (MailMessage m : sent) {
            assertThat(STACK.sink().count(EmailAddress.parse(m.getTo()))).as(m.getTo()).isGreaterThanOrEqualTo(1);
        }
        // At most the SMTP transactions whose outcome was not durable when the first one stopped (per delivery
        // worker, the one in flight and its unacknowledged events): mail delivered past the committed offset is
        // skipped thanks to the ledger in the commit metadata, and mail whose outcome was written after the last
        // commit thanks to the events read back on assignment.
        assertThat(duplicateMails).isLessThanOrEqualTo(CRASH_WINDOW);
        assertThat(duplicateEvents).as("exactly one terminal event per message").isZero();
    }

    @Test
    void aSecondDispatcherJoiningMidStreamShouldTakeOverPartitionsWithoutLosingMail() throws Exception {
        int n = 2000;
        List<MailMessage> sent = new ArrayList<>();
        for (String d : List.of("j1.example", "j2.example", "j3.example", "j4.example")) {
            sent.addAll(publish(d, n / 4, "join", null));
        }

        try (Dispatcher first = Dispatcher.create(config("join-1", Duration.ofSeconds(10)), registry)) {
            first.start();
            assertThat(STACK.sink().awaitCount(n / 5, Duration.ofSeconds(60))).isTrue();
            try (Dispatcher second = Dispatcher.create(config("join-2", Duration.ofSeconds(10)), registry)) {
                second.start(); // the group rebalances: revoked partitions finish their in-flight mail and commit
                await().atMost(Duration.ofSeconds(90)).until(() -> terminalPerMessage(sent).size() == n);
            }
        }

        Map<String, Long> terminal = terminalPerMessage(sent);
        long duplicateEvents = terminal.values().stream().mapToLong(c -> c - 1).sum();
        long duplicateMails = STACK.sink().count() - n;
        System.out.printf("join: %d duplicate mails, %d duplicate terminal events%n", duplicateMails, duplicateEvents);
        assertThat(terminal).hasSize(n);
        assertThat(duplicateMails).isLessThanOrEqualTo(CRASH_WINDOW);
        assertThat(duplicateEvents).as("exactly one terminal event per message").isZero();
    }

    private List<MailMessage> publish(String domain, int count, String tag, Integer partition) throws Exception {
        List<MailMessage> out = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                MailMessage m = Fixtures.campaignMessage(CAMPAIGN, tag + i + "@" + domain, Map.of("name", "U" + i))
                        .setCreatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.OUTBOUND, partition, utf8(m.getRoutingKey()),
                        messages.serializer().serialize(Topics.OUTBOUND, m)));
                out.add(m);
            }
            producer.flush();
        }
        return out;
    }

    private List<DeliveryEvent> eventsOf(List<MailMessage> of, Outcome outcome) {
        return new DeliveryEventsTopic(STACK.bootstrapServers(), events).of(of, outcome);
    }

    private Map<String, Long> terminalPerMessage(List<MailMessage> of) {
        return new DeliveryEventsTopic(STACK.bootstrapServers(), events).terminalPerMessage(of);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return DeliveryEventsTopic.producer(STACK.bootstrapServers());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return TopicContents.readAll(STACK.bootstrapServers(), topic);
    }
}
